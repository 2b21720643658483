using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using SupportChat.Grains.Metrics;
using SupportChat.Server.Metrics;

namespace SupportChat.Server.Hosting;

/// <summary>OpenTelemetry metrics: SupportChat's meters (the server's and the grains'), Orleans' and ASP.NET Core's; a
/// Prometheus scrape endpoint (`/metrics`, served where <see cref="OpsAccess"/> allows) and, when an endpoint is given,
/// OTLP push. Traces, when enabled (<see cref="MetricsOptions.TracingEnabled"/>), go over OTLP only.</summary>
internal static class MetricsSetup
{
    // The meters ASP.NET Core and Kestrel publish (requests, connections); Orleans' own are under Microsoft.Orleans.
    private static readonly string[] Meters =
        [SupportChatMetrics.MeterName, GrainMetrics.MeterName, "Microsoft.Orleans", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel"];

    // Ours (the edge and the store), and Orleans' spans of grain calls between application grains (its runtime's own
    // calls, membership probes and the like, would bury them).
    private static readonly string[] Sources = [ChatActivities.SourceName, "Microsoft.Orleans.Application"];

    public static void AddSupportChatMetrics(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<SupportChatMetrics>();
        builder.Services.AddGrainMetrics();

        // The standard variable works as the SDK documents it; --otlp names the endpoint explicitly.
        var otlp = MetricsOptions.OtlpEndpoint(builder.Configuration);
        var telemetry = builder.Services.AddOpenTelemetry().WithMetrics(metrics =>
        {
            metrics.AddMeter(Meters).AddAspNetCoreInstrumentation();

            // Each scrape is computed afresh: a cached answer would show a test (or an operator) figures from before.
            metrics.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
            if (otlp is not null)
            {
                metrics.AddOtlpExporter(o => Otlp(o, otlp));
            }
        });

        // Spans only go somewhere over OTLP: without an endpoint no tracer is registered, so none is sampled.
        if (otlp is not null && MetricsOptions.TracingEnabled(builder.Configuration))
        {
            telemetry.WithTracing(tracing => tracing
                .AddSource(Sources)
                .AddAspNetCoreInstrumentation(o => o.Filter = context => !context.Request.Path.StartsWithSegments("/metrics"))
                .AddOtlpExporter(o => Otlp(o, otlp)));
        }
    }

    private static void Otlp(OtlpExporterOptions options, string endpoint)
    {
        options.Endpoint = new Uri(endpoint);
        options.Protocol = OtlpExportProtocol.Grpc;
    }
}
