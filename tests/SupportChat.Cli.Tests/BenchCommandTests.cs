using System.Text.Json;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>`supportchat bench` as users run it: small workloads on servers of its own, checked by their JSON line.
/// Only correctness is asserted (everything arrives once, in order); speed is what the bench reports, never a test.</summary>
public sealed class BenchCommandTests
{
    private static readonly TimeSpan BenchPatience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task The_relay_with_a_baseline_delivers_everything_once_in_order_and_reports_every_figure()
    {
        await using var bench = CliProcess.Start("bench", "--pairs", "3", "--messages", "20", "--baseline", "--json");
        Assert.Equal(0, await bench.WaitForExitAsync(BenchPatience));

        using var result = JsonDocument.Parse(bench.Lines[^1]);
        var r = result.RootElement;
        Assert.Equal(120, r.GetProperty("expected").GetInt64());
        Assert.Equal(120, r.GetProperty("delivered").GetInt64());
        Assert.Equal(120, r.GetProperty("baseline_delivered").GetInt64());
        foreach (var zero in new[] { "lost", "duplicated", "reordered", "baseline_lost", "baseline_duplicated", "baseline_reordered" })
        {
            Assert.Equal(0, r.GetProperty(zero).GetInt64());
        }

        foreach (var figure in new[] { "msgs_per_sec", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "server_cpu_s", "server_peak_rss_mb",
            "baseline_msgs_per_sec", "ratio" })
        {
            Assert.True(r.GetProperty(figure).GetDouble() >= 0, figure);
        }

        Assert.True(r.GetProperty("server_peak_rss_mb").GetDouble() > 0);
    }

    [Fact]
    public async Task Join_and_idle_report_what_they_measured()
    {
        await using var join = CliProcess.Start("bench", "join", "--customers", "30", "--agents", "3", "--json");
        Assert.Equal(0, await join.WaitForExitAsync(BenchPatience));
        using (var result = JsonDocument.Parse(join.Lines[^1]))
        {
            Assert.Equal(30, result.RootElement.GetProperty("assigned").GetInt32());
            Assert.True(result.RootElement.GetProperty("p99_ms").GetDouble() > 0);
        }

        await using var idle = CliProcess.Start("bench", "idle", "--sessions", "50", "--json");
        Assert.Equal(0, await idle.WaitForExitAsync(BenchPatience));
        using (var result = JsonDocument.Parse(idle.Lines[^1]))
        {
            Assert.Equal(50, result.RootElement.GetProperty("connected").GetInt32());
            Assert.True(result.RootElement.GetProperty("server_rss_after_mb").GetDouble() > 0);
        }
    }

    [Fact]
    public async Task A_small_soak_delivers_everything_once_in_order_and_reports_cpu_and_memory()
    {
        await using var soak = CliProcess.Start("bench", "soak", "--conversations", "20", "--interval", "1", "--seconds", "3", "--json");
        Assert.Equal(0, await soak.WaitForExitAsync(BenchPatience));

        using var result = JsonDocument.Parse(soak.Lines[^1]);
        var r = result.RootElement;
        Assert.Equal(20, r.GetProperty("conversations").GetInt32());
        Assert.Equal(40, r.GetProperty("streams").GetInt32());
        Assert.True(r.GetProperty("expected").GetInt64() > 0);
        Assert.Equal(r.GetProperty("expected").GetInt64(), r.GetProperty("delivered").GetInt64());
        foreach (var zero in new[] { "lost", "duplicated", "reordered", "sends_failed" })
        {
            Assert.Equal(0, r.GetProperty(zero).GetInt64());
        }

        foreach (var figure in new[] { "interval_s", "seconds", "msgs_per_sec", "p50_ms", "p90_ms", "p99_ms", "p999_ms", "max_ms", "server_cpu_s",
            "server_cpu_per_s", "server_rss_before_mb", "server_rss_mb", "server_rss_per_conversation_kb", "retried" })
        {
            Assert.Equal(JsonValueKind.Number, r.GetProperty(figure).ValueKind);
        }

        Assert.True(r.GetProperty("server_rss_mb").GetDouble() > 0);
    }

    [Theory]
    [InlineData("soak", "--conversations", "0")]
    [InlineData("soak", "--interval", "0")]
    [InlineData("soak", "--seconds", "-5")]
    [InlineData("soak", "--warm-up", "-1")]
    public async Task Bad_soak_options_are_refused_with_a_usage_error(string command, string option, string value)
    {
        await using var bench = CliProcess.Start("bench", command, option, value);
        Assert.Equal(2, await bench.WaitForExitAsync(BenchPatience));
        Assert.Contains(option, bench.Errors);
    }

    [Theory]
    [InlineData("--pairs", "0")]
    [InlineData("--size", "5000")]
    [InlineData("--rate", "-1")]
    [InlineData("--server", "ftp://example")]
    public async Task Bad_options_are_refused_with_a_usage_error(string option, string value)
    {
        await using var bench = CliProcess.Start("bench", option, value);
        Assert.Equal(2, await bench.WaitForExitAsync(BenchPatience));
        Assert.Contains(option, bench.Errors);
    }
}
