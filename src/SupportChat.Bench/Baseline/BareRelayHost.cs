using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace SupportChat.Bench.Baseline;

/// <summary>Runs the baseline relay on a loopback port until stopped (`supportchat bench relay-baseline`).</summary>
public static class BareRelayHost
{
    public static async Task RunAsync(string url)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls(url);
        builder.WebHost.ConfigureKestrel(k => k.ConfigureEndpointDefaults(e => e.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton<RelayPairs>();
        await using var app = builder.Build();
        app.MapGrpcService<BareRelayService>();
        await app.RunAsync();
    }
}
