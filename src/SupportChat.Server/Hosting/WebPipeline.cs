using Grpc.AspNetCore.Server;
using Microsoft.Extensions.Options;

namespace SupportChat.Server.Hosting;

/// <summary>
/// What requests on the web listener go through, and only they: CORS (the listener's own origins and --web-origins),
/// headers every response gets, gRPC-Web for the services that enable it (BrowserCustomer, History), no other gRPC
/// service, and the widget's files. Requests on the gRPC listener skip all of it, so that listener stays plain gRPC: a
/// gRPC-Web request there is refused (415) as any content type gRPC does not speak.
/// </summary>
internal static class WebPipeline
{
    /// <summary>The gRPC services a browser may reach (by gRPC-Web or, over TLS, plain gRPC) on the web listener.</summary>
    private static readonly HashSet<string> WebServices = new(StringComparer.Ordinal) { "supportchat.v1.BrowserCustomer", "supportchat.v1.History" };

    // What a gRPC-Web client sends and must be allowed to read (Connect-ES and grpc-web's own clients).
    private static readonly string[] RequestHeaders =
        ["content-type", "x-grpc-web", "x-user-agent", "grpc-timeout", "connect-protocol-version", "authorization"];

    private static readonly string[] ResponseHeaders = ["Grpc-Status", "Grpc-Message", "Grpc-Encoding", "Grpc-Accept-Encoding"];

    public static WebApplication UseWebListener(this WebApplication app)
    {
        var listener = app.Services.GetRequiredService<WebListener>();
        if (!listener.Enabled)
        {
            return app;
        }

        var options = app.Services.GetRequiredService<IOptions<WebOptions>>().Value;
        var extraOrigins = options.ExtraOrigins();
        app.UseWhen(listener.Serves, web =>
        {
            web.Use((context, next) =>
            {
                context.Response.Headers.XContentTypeOptions = "nosniff";
                context.Response.Headers["Referrer-Policy"] = "no-referrer";
                return next(context);
            });
            web.UseCors(cors => cors
                .SetIsOriginAllowed(origin => IsAllowed(origin, listener, extraOrigins))
                .WithMethods("GET", "POST", "OPTIONS")
                .WithHeaders(RequestHeaders)
                .WithExposedHeaders(ResponseHeaders)
                .SetPreflightMaxAge(TimeSpan.FromHours(1)));
            web.Use((context, next) =>
            {
                if (context.GetEndpoint()?.Metadata.GetMetadata<GrpcMethodMetadata>() is { } grpc && !WebServices.Contains(grpc.Method.ServiceName))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return Task.CompletedTask;
                }

                return next(context);
            });
            web.UseGrpcWeb();
            web.UseWidgetFiles(options.RootFolder, listener);
        });
        return app;
    }

    private static bool IsAllowed(string origin, WebListener listener, IReadOnlyList<string> extra)
    {
        var normalized = origin.TrimEnd('/').ToLowerInvariant();
        return listener.Origins.Contains(normalized) || extra.Contains(normalized);
    }
}
