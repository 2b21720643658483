using SupportChat.Bench.Measures;

namespace SupportChat.Bench.Workloads;

/// <summary>What one relay run measured. Server figures are null when the server is not the bench's own process.</summary>
internal sealed record RelayResult(
    long Expected, long Delivered, long Duplicated, long Reordered, int Retried, double Seconds, Latencies Latencies,
    double? ServerCpuSeconds, double? ServerPeakRssMb)
{
    public long Lost => Expected - Delivered;

    public double MessagesPerSecond => Seconds > 0 ? Delivered / Seconds : 0;
}
