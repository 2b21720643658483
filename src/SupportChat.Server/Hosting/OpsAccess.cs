using Microsoft.Extensions.Options;

namespace SupportChat.Server.Hosting;

/// <summary>Which listener answers what: health on the web and metrics listeners; `/metrics` on the metrics listener,
/// or on the web listener when <see cref="MetricsExposure"/> allows it; nothing else on the metrics listener (it is
/// HTTP/1.1 and unauthenticated: no gRPC, no widget). Anything refused is a plain 404, as if it were not there.</summary>
internal static class OpsAccess
{
    public static WebApplication UseOpsAccess(this WebApplication app)
    {
        var web = app.Services.GetRequiredService<WebListener>();
        var metrics = app.Services.GetRequiredService<MetricsListener>();
        var options = app.Services.GetRequiredService<IOptions<MetricsOptions>>().Value;
        var metricsOnWeb = MetricsExposure.OnWebListener(web.Enabled ? web.Addresses : [], options.Addresses());
        app.Use((context, next) =>
        {
            var ops = context.GetEndpoint()?.Metadata.GetMetadata<OpsEndpoint>();
            var allowed = ops switch
            {
                null => !metrics.Serves(context),
                _ when metrics.Serves(context) => true,
                _ when ReferenceEquals(ops, OpsEndpoint.Metrics) => metricsOnWeb && web.Serves(context),
                _ => web.Serves(context),
            };
            if (allowed)
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
        return app;
    }
}
