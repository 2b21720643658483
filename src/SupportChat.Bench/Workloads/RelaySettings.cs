using SupportChat.Protocol.Rules;

namespace SupportChat.Bench.Workloads;

/// <param name="Pairs">Conversations (an agent and a customer each).</param>
/// <param name="Messages">Messages each side sends.</param>
/// <param name="Rate">Messages per second offered in total; 0 sends at full speed.</param>
/// <param name="Size">Text size in bytes.</param>
public sealed record RelaySettings(int Pairs, int Messages, double Rate, int Size)
{
    /// <summary>Smallest text: room for the number and send time every text carries.</summary>
    public const int MinSize = 32;

    /// <summary>Largest text the server accepts.</summary>
    public const int MaxSize = ChatLimits.MaxTextLength;

    /// <summary>Messages the run delivers: both sides of every pair send <see cref="Messages"/>.</summary>
    public long Expected => 2L * Pairs * Messages;
}
