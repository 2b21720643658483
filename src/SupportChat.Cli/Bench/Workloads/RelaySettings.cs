namespace SupportChat.Cli.Bench.Workloads;

/// <param name="Pairs">Conversations (an agent and a customer each).</param>
/// <param name="Messages">Messages each side sends.</param>
/// <param name="Rate">Messages per second offered in total; 0 sends at full speed.</param>
/// <param name="Size">Text size in bytes.</param>
internal sealed record RelaySettings(int Pairs, int Messages, double Rate, int Size)
{
    public long Expected => 2L * Pairs * Messages;
}
