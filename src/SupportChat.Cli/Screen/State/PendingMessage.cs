using SupportChat.Cli.Input;

namespace SupportChat.Cli.Screen.State;

/// <summary>
/// A message the person sent from this screen that the server has not acknowledged: shown at once, under the
/// transcript, until its own message event replaces it. <see cref="Send"/> is the command itself (compared by
/// reference: two sends of the same text are two messages); the client_msg_id comes once the session has queued it.
/// </summary>
internal sealed class PendingMessage(SendInput send, DateTimeOffset at)
{
    public SendInput Send { get; } = send;

    public DateTimeOffset At { get; } = at;

    public string? ClientMsgId { get; set; }

    /// <summary>Set when the send failed for good (refused, or never queued): the text is kept, marked.</summary>
    public bool Failed { get; set; }
}
