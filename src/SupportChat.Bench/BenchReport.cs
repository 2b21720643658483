using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Workloads;

namespace SupportChat.Bench;

/// <summary>A readable table on stdout, and with --json one JSON object as the last line.</summary>
internal static class BenchReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteRelay(RelaySettings settings, BenchTarget target, RelayResult chat, RelayResult? bare, bool json)
    {
        var rate = settings.Rate > 0 ? $"{settings.Rate.ToString("0.##", Invariant)} msgs/s offered" : "full speed";
        Console.WriteLine($"relay: {settings.Pairs} pairs x {settings.Messages} messages each way, {settings.Size}-byte texts, {rate}, "
            + (target.Servers is null ? "server started by the bench (durability full)" : $"server {string.Join(",", target.Servers)}"));
        var columns = bare is null ? new[] { ("chat server", chat) } : [("chat server", chat), ("bare gRPC", bare)];
        Row("", columns.Select(c => c.Item1));
        Row("delivered", columns.Select(c => $"{c.Item2.Delivered}/{c.Item2.Expected}"));
        Row("lost/dup/reordered", columns.Select(c => $"{c.Item2.Lost}/{c.Item2.Duplicated}/{c.Item2.Reordered}"));
        Row("msgs/s", columns.Select(c => c.Item2.MessagesPerSecond.ToString("0", Invariant)));
        Row("seconds", columns.Select(c => c.Item2.Seconds.ToString("0.000", Invariant)));
        foreach (var (name, fraction) in new[] { ("p50 ms", 0.5), ("p90 ms", 0.9), ("p99 ms", 0.99), ("p99.9 ms", 0.999) })
        {
            Row(name, columns.Select(c => Ms(c.Item2.Latencies.Percentile(fraction))));
        }

        Row("max ms", columns.Select(c => Ms(c.Item2.Latencies.Max())));
        Row("server CPU s", columns.Select(c => Optional(c.Item2.ServerCpuSeconds, "0.00")));
        Row("server CPU us/msg", columns.Select(c => Optional(c.Item2.ServerCpuSeconds is { } s && c.Item2.Delivered > 0 ? s * 1e6 / c.Item2.Delivered : null, "0.0")));
        Row("server peak RSS MB", columns.Select(c => Optional(c.Item2.ServerPeakRssMb, "0.0")));
        if (chat.Retried > 0)
        {
            Console.WriteLine($"{chat.Retried} sends were refused by the server (e.g. its send rate limit) and retried.");
        }

        if (bare is not null)
        {
            Console.WriteLine($"ratio (chat / bare gRPC msgs/s): {Ratio(chat, bare).ToString("0.00", Invariant)}");
        }

        if (!json)
        {
            return;
        }

        var result = new JsonObject
        {
            ["pairs"] = settings.Pairs,
            ["messages"] = settings.Messages,
            ["rate"] = settings.Rate,
            ["size"] = settings.Size,
        };
        AddRelay(result, "", chat);
        result["retried"] = chat.Retried;
        if (bare is not null)
        {
            AddRelay(result, "baseline_", bare);
            result["ratio"] = Math.Round(Ratio(chat, bare), 3);
        }

        Console.WriteLine(result.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));
    }

    /// <summary>Writes a table of name/value rows, and the same pairs as JSON with --json.</summary>
    public static void WriteFigures(string title, IReadOnlyList<(string Label, string Key, object? Value)> figures, bool json)
    {
        Console.WriteLine(title);
        foreach (var (label, _, value) in figures)
        {
            Console.WriteLine($"  {label,-28}{Format(value)}");
        }

        if (json)
        {
            var result = new JsonObject();
            foreach (var (_, key, value) in figures)
            {
                result[key] = value switch
                {
                    null => null,
                    double d => Math.Round(d, 3),
                    long l => l,
                    int i => i,
                    _ => value.ToString(),
                };
            }

            Console.WriteLine(result.ToJsonString());
        }
    }

    public static void AddLatencies(List<(string, string, object?)> figures, string what, Latencies latencies)
    {
        figures.Add(($"{what} p50 ms", "p50_ms", latencies.Percentile(0.5)));
        figures.Add(($"{what} p90 ms", "p90_ms", latencies.Percentile(0.9)));
        figures.Add(($"{what} p99 ms", "p99_ms", latencies.Percentile(0.99)));
        figures.Add(($"{what} p99.9 ms", "p999_ms", latencies.Percentile(0.999)));
        figures.Add(($"{what} max ms", "max_ms", latencies.Max()));
    }

    private static double Ratio(RelayResult chat, RelayResult bare) =>
        bare.MessagesPerSecond > 0 ? chat.MessagesPerSecond / bare.MessagesPerSecond : 0;

    private static void AddRelay(JsonObject result, string prefix, RelayResult r)
    {
        result[prefix + "expected"] = r.Expected;
        result[prefix + "delivered"] = r.Delivered;
        result[prefix + "lost"] = r.Lost;
        result[prefix + "duplicated"] = r.Duplicated;
        result[prefix + "reordered"] = r.Reordered;
        result[prefix + "seconds"] = Math.Round(r.Seconds, 3);
        result[prefix + "msgs_per_sec"] = Math.Round(r.MessagesPerSecond, 1);
        result[prefix + "p50_ms"] = Math.Round(r.Latencies.Percentile(0.5), 3);
        result[prefix + "p90_ms"] = Math.Round(r.Latencies.Percentile(0.9), 3);
        result[prefix + "p99_ms"] = Math.Round(r.Latencies.Percentile(0.99), 3);
        result[prefix + "p999_ms"] = Math.Round(r.Latencies.Percentile(0.999), 3);
        result[prefix + "max_ms"] = Math.Round(r.Latencies.Max(), 3);
        result[prefix + "server_cpu_s"] = r.ServerCpuSeconds is { } cpu ? Math.Round(cpu, 3) : null;
        result[prefix + "server_peak_rss_mb"] = r.ServerPeakRssMb is { } rss ? Math.Round(rss, 1) : null;
    }

    private static void Row(string label, IEnumerable<string> values) =>
        Console.WriteLine($"  {label,-20}" + string.Concat(values.Select(v => $"{v,16}")));

    private static string Ms(double value) => value.ToString("0.000", Invariant);

    private static string Optional(double? value, string format) => value is { } v ? v.ToString(format, Invariant) : "n/a";

    private static string Format(object? value) => value switch
    {
        null => "n/a",
        double d => d.ToString("0.###", Invariant),
        IFormattable f => f.ToString(null, Invariant),
        _ => value.ToString() ?? string.Empty,
    };
}
