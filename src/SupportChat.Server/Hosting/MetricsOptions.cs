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

    public IReadOnlyList<Uri> Addresses() =>
        string.IsNullOrWhiteSpace(Urls) ? [] : ListenPolicy.Addresses(Urls.Replace(',', ';'));
}
