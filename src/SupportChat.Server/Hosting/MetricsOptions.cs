namespace SupportChat.Server.Hosting;

/// <summary>Section "Metrics": `serve --metrics-urls` (a listener of its own for `/metrics` and the health endpoints)
/// and `--otlp` (push to an OpenTelemetry collector; OTEL_EXPORTER_OTLP_ENDPOINT does the same).</summary>
public sealed class MetricsOptions
{
    public const string SectionName = "Metrics";

    /// <summary>Where the metrics listener listens, separated by ',' or ';'; empty for none.</summary>
    public string? Urls { get; set; }

    /// <summary>The OTLP endpoint metrics are pushed to, e.g. http://127.0.0.1:4317; empty for no push.</summary>
    public string? Otlp { get; set; }

    /// <summary>Whether spans are made (and grain calls carry their trace): unset, exactly when an OTLP endpoint is set;
    /// true makes them for an in-process listener too (dotnet-trace, dotnet-monitor); false never.</summary>
    public bool? Traces { get; set; }

    /// <summary>--otlp, or else the standard OTEL_EXPORTER_OTLP_ENDPOINT; null for no push.</summary>
    public static string? OtlpEndpoint(IConfiguration configuration)
    {
        var options = Read(configuration);
        return !string.IsNullOrWhiteSpace(options.Otlp) ? options.Otlp
            : configuration["OTEL_EXPORTER_OTLP_ENDPOINT"] is { Length: > 0 } standard ? standard
            : null;
    }

    /// <summary>Tracing costs nothing when off: no spans, and grain calls carry no trace context.</summary>
    public static bool TracingEnabled(IConfiguration configuration) => Read(configuration).Traces ?? OtlpEndpoint(configuration) is not null;

    public static MetricsOptions Read(IConfiguration configuration) =>
        configuration.GetSection(SectionName).Get<MetricsOptions>() ?? new MetricsOptions();

    public IReadOnlyList<Uri> Addresses() =>
        string.IsNullOrWhiteSpace(Urls) ? [] : ListenPolicy.Addresses(Urls.Replace(',', ';'));
}
