using System.Text.Json;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportChat.Server.Health;

/// <summary>The checks behind `/healthz` (live: the process serves) and `/readyz` (ready: store writable, silo active),
/// and the body `/readyz` answers with; the gRPC health service reports the same checks.</summary>
internal static class HealthChecks
{
    public const string Live = "live";
    public const string Ready = "ready";

    public static IHealthChecksBuilder AddSupportChatHealthChecks(this IHealthChecksBuilder checks) => checks
        .AddCheck("process", () => HealthCheckResult.Healthy(), [Live])
        .AddCheck<StoreHealthCheck>("store", tags: [Ready], timeout: TimeSpan.FromSeconds(5))
        .AddCheck<SiloHealthCheck>("silo", tags: [Ready]);

    /// <summary>{"status":"Unhealthy","checks":[{"name":"store","status":"Unhealthy","description":"…"},…]}: the failing
    /// check is named, so whoever reads a 503 knows where to look.</summary>
    public static Task WriteReportAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new HealthBody(report.Status.ToString(),
            [.. report.Entries.Select(e => new HealthEntry(e.Key, e.Value.Status.ToString(), e.Value.Description))]);
        return JsonSerializer.SerializeAsync(context.Response.Body, body, HealthJson.Default.HealthBody, context.RequestAborted);
    }
}
