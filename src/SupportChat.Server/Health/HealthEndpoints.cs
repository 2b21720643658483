using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportChat.Server.Hosting;

namespace SupportChat.Server.Health;

/// <summary>`/healthz` (live: the process serves) and `/readyz` (ready: store writable, silo active) over plain HTTP
/// for load balancers and orchestrators; the gRPC health service reports the same checks.</summary>
internal static class HealthEndpoints
{
    public const string Live = "live";
    public const string Ready = "ready";

    public static IHealthChecksBuilder AddSupportChatHealthChecks(this IHealthChecksBuilder checks) => checks
        .AddCheck("process", () => HealthCheckResult.Healthy(), [Live])
        .AddCheck<StoreHealthCheck>("store", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
        .AddCheck<SiloHealthCheck>("silo", tags: [Ready]);

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Live),
            ResponseWriter = (context, _) => context.Response.WriteAsync("ok"),
        }).WithMetadata(OpsEndpoint.Health);
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(Ready),
            ResponseWriter = WriteReportAsync,
        }).WithMetadata(OpsEndpoint.Health);
    }

    /// <summary>{"status":"Unhealthy","checks":[{"name":"store","status":"Unhealthy","description":"…"},…]}: the failing
    /// check is named, so whoever reads a 503 knows where to look.</summary>
    private static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new HealthBody(report.Status.ToString(),
            [.. report.Entries.Select(e => new HealthEntry(e.Key, e.Value.Status.ToString(), e.Value.Description))]);
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Default.HealthBody, context.RequestAborted);
    }
}
