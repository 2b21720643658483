using Grpc.Core;

namespace SupportChat.Server.Streams.Commands;

/// <summary>
/// Which sends of one stream are held back, per conversation. A send refused for a passing reason (Unavailable: not
/// stored; ResourceExhausted: over the rate) is sent again by the client; storing the sends after it meanwhile would put
/// them before it. So every later send of the stream to that conversation is refused with Unavailable, naming the
/// refused one, until the refused client_msg_id comes again. A new stream starts with no hold: its client resends what
/// was not acknowledged, in order. Not thread safe: used only from the stream's command loop.
/// </summary>
internal sealed class SendHolds
{
    private readonly Dictionary<string, SendHold> _byConversation = new(StringComparer.Ordinal);

    /// <summary>The words of a held-back send's refusal.</summary>
    public static string HeldBack(string refusedClientMsgId) => $"held back: resend {refusedClientMsgId} first";

    /// <summary>Refusals after which the client sends the same send again.</summary>
    public static bool IsPassing(StatusCode code) => code is StatusCode.Unavailable or StatusCode.ResourceExhausted;

    /// <summary>Takes the conversation's hold, if any, for a run of sends (which <see cref="Keep"/>s what is left of it).
    /// Usually nothing is held, and this costs no lookup.</summary>
    public SendHold? Take(string conversationId) =>
        _byConversation.Count != 0 && _byConversation.Remove(conversationId, out var held) ? held : null;

    public void Keep(string conversationId, SendHold? held)
    {
        if (held is not null)
        {
            _byConversation[conversationId] = held;
        }
    }
}

/// <summary>
/// What a stream's later sends to a conversation wait behind: the refused send the client must send again first
/// (<see cref="First"/>, the first of its conversation call), whether that call failed as a whole so that its sends may
/// have been stored after all (<see cref="MayBeStored"/>: the conversation stored them as one unit before its node
/// died, and its answer was lost), and the first send refused after it (<see cref="Next"/>). A client that then hears of
/// such sends as messages stops counting them as pending and never sends them again, so the hold moves on to
/// <see cref="Next"/>, the send that client now resends first (<see cref="OnceStored"/>).
/// </summary>
internal sealed record SendHold(string First, bool MayBeStored, string? Next = null)
{
    /// <summary>The hold once <see cref="First"/> (and the call it came in, stored as one unit) is known stored.</summary>
    public SendHold? OnceStored() => Next is null ? null : new SendHold(Next, MayBeStored: false);
}
