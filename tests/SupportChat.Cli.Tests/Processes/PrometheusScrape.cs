using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace SupportChat.Cli.Tests.Processes;

/// <summary>
/// A /metrics scrape as a real Prometheus text-format parser reads it: the official Prometheus Python client's
/// (prometheus_client.parser.text_string_to_metric_families, Debian's python3-prometheus-client, which scripts/test
/// installs). Why that one: there is no official .NET parser, and the .NET packages on NuGet that know the format
/// (prometheus-net, OpenTelemetry's exporter) write it and do not read it. The npm package parse-prometheus-text-format
/// was tried first and is not faithful: it merges a histogram's series whatever their labels and drops their _count and
/// _sum when they carry labels (ours all carry otel_scope_name). The Python client is the Prometheus project's own, so a
/// line our exporter got wrong fails the parse instead of being read the way we wrote it.
/// </summary>
internal sealed class PrometheusScrape
{
    // The system Python (Debian's package installs the client for it), not one a version manager may put first on PATH.
    private const string Python = "/usr/bin/python3";

    // One object per sample: its family (name and type as the parser understood them), sample name, labels and value.
    private const string ParserScript = """
        import json, sys
        from prometheus_client.parser import text_string_to_metric_families
        json.dump([{"family": f.name, "type": f.type, "name": s.name, "labels": s.labels, "value": repr(float(s.value))}
                   for f in text_string_to_metric_families(sys.stdin.read()) for s in f.samples], sys.stdout)
        """;

    private static readonly TimeSpan ParsePatience = TimeSpan.FromSeconds(60);

    private readonly List<Sample> _samples = [];

    private sealed record Sample(string Family, string Type, string Name, IReadOnlyDictionary<string, string> Labels, double Value);

    public static async Task<PrometheusScrape> ReadAsync(HttpClient http)
    {
        var text = await http.GetStringAsync("/metrics");
        using var parsed = JsonDocument.Parse(await ParseAsync(text));
        var scrape = new PrometheusScrape();
        foreach (var s in parsed.RootElement.EnumerateArray())
        {
            var labels = s.GetProperty("labels").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal);
            scrape._samples.Add(new Sample(s.GetProperty("family").GetString()!, s.GetProperty("type").GetString()!, s.GetProperty("name").GetString()!,
                labels, Number(s.GetProperty("value").GetString()!)));
        }

        return scrape;
    }

    /// <summary>The type of the family that has a sample named <paramref name="sampleName"/> (as Prometheus shows it,
    /// e.g. supportchat_messages_stored_total), or null when there is none.</summary>
    public string? TypeOf(string sampleName) => _samples.FirstOrDefault(s => s.Name == sampleName)?.Type;

    /// <summary>The sum of the samples named <paramref name="sampleName"/> whose labels include <paramref name="labels"/>;
    /// 0 when there is none (an instrument shows once recorded).</summary>
    public double Sum(string sampleName, params (string Key, string Value)[] labels) =>
        _samples.Where(s => s.Name == sampleName && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    private static double Number(string value) => value switch
    {
        "inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" => double.NaN,
        _ => double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture),
    };

    private static async Task<string> ParseAsync(string text)
    {
        var info = new ProcessStartInfo(Python)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(ParserScript);
        using var python = Process.Start(info) ?? throw new InvalidOperationException($"could not start {Python}");
        var output = python.StandardOutput.ReadToEndAsync();
        var errors = python.StandardError.ReadToEndAsync();
        await python.StandardInput.WriteAsync(text);
        python.StandardInput.Close();
        using var timeout = new CancellationTokenSource(ParsePatience);
        await python.WaitForExitAsync(timeout.Token);
        var problem = await errors;
        Assert.False(problem.Contains("No module named 'prometheus_client'", StringComparison.Ordinal),
            "the Prometheus parser is missing: apt-get install python3-prometheus-client (scripts/test does it)");
        Assert.True(python.ExitCode == 0, $"the scrape did not parse: {problem}\n{text}");
        return await output;
    }
}
