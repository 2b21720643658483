using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using SupportChat.Server.Health;

namespace SupportChat.Server.Hosting;

/// <summary>Maps `/healthz`, `/readyz` and `/metrics`, each marked with the <see cref="OpsEndpoint"/> that
/// <see cref="OpsAccess"/> uses to decide which listener may answer it.</summary>
internal static class OpsEndpoints
{
    public static void MapOpsEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthChecks.Live),
            ResponseWriter = (context, _) => context.Response.WriteAsync("ok"),
        }).WithMetadata(OpsEndpoint.Health);
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(HealthChecks.Ready),
            ResponseWriter = HealthChecks.WriteReportAsync,
        }).WithMetadata(OpsEndpoint.Health);
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(OpsEndpoint.Metrics);
    }
}
