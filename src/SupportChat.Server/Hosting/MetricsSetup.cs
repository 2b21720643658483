using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using SupportChat.Server.Metrics;

namespace SupportChat.Server.Hosting;

/// <summary>OpenTelemetry metrics: SupportChat's meter, Orleans' and ASP.NET Core's; a Prometheus scrape endpoint
/// (`/metrics`, served where <see cref="OpsAccess"/> allows) and, when an endpoint is given, OTLP push.</summary>
internal static class MetricsSetup
{
    // The meters ASP.NET Core and Kestrel publish (requests, connections); Orleans' own are under Microsoft.Orleans.
    private static readonly string[] Meters =
        [SupportChatMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    public static void AddSupportChatMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SupportChatMetrics>();
        var options = builder.Configuration.GetSection(MetricsOptions.SectionName).Get<MetricsOptions>() ?? new MetricsOptions();

        // The standard variable works as the SDK documents it; --otlp names the endpoint explicitly.
        var otlp = !string.IsNullOrWhiteSpace(options.Otlp) ? options.Otlp : builder.Configuration["OTEL_EXPORTER_OTLP_ENDPOINT"];
        builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(Meters).AddAspNetCoreInstrumentation();

            // Each scrape is computed afresh: a cached answer would show a test (or an operator) figures from before.
            metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (!string.IsNullOrWhiteSpace(otlp))
            {
                metrics.AddOtlpExporter(o =>
                {
                    o.Endpoint = new Uri(otlp);
                    o.Protocol = OtlpExportProtocol.Grpc;
                });
            }
        });
    }
}
