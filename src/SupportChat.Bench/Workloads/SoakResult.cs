namespace SupportChat.Bench.Workloads;

/// <summary>What a soak's paced part saw. Expected and delivered count every message (warm-up included); rates, CPU and
/// memory are of the measured seconds. Server figures are null when the server is not the bench's own process.</summary>
/// <param name="Retried">Sends the server refused and the bench retried.</param>
/// <param name="SendsFailed">Sends whose write failed because the stream was gone (also counted as lost).</param>
internal sealed record SoakResult(
    long Expected, long Delivered, long Duplicated, long Reordered, int Retried, int SendsFailed, double Seconds, double MessagesPerSecond,
    double? ServerCpuSeconds, long? ServerRssBytes, double BenchCpuSeconds)
{
    public long Lost => Expected - Delivered;
}
