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
    private readonly Dictionary<string, string> _byConversation = new(StringComparer.Ordinal);

    /// <summary>The words of a held-back send's refusal.</summary>
    public static string HeldBack(string refusedClientMsgId) => $"held back: resend {refusedClientMsgId} first";

    /// <summary>Refusals after which the client sends the same send again.</summary>
    public static bool IsPassing(StatusCode code) => code is StatusCode.Unavailable or StatusCode.ResourceExhausted;

    /// <summary>Takes the conversation's hold, if any, for a run of sends (which <see cref="Keep"/>s what is left of it).
    /// Usually nothing is held, and this costs no lookup.</summary>
    public string? Take(string conversationId) =>
        _byConversation.Count != 0 && _byConversation.Remove(conversationId, out var held) ? held : null;

    public void Keep(string conversationId, string? held)
    {
        if (held is not null)
        {
            _byConversation[conversationId] = held;
        }
    }
}
