using SupportChat.Cli.Input;
using SupportChat.Client.Events;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Screen.State;

/// <summary>
/// Everything the customer's full-screen UI shows, kept from the session's events without any terminal: the
/// transcript (with the customer's own messages shown as soon as they are sent) and one status line saying what is
/// happening (waiting, connected, typing, reconnecting, ended).
/// </summary>
internal sealed class CustomerScreenState(TimeProvider time, string ownName = "You")
{
    private const string Connecting = "Connecting…";
    private readonly string _ownName = VisibleText.OneLine(ownName);
    private string _phase = Connecting;
    private string? _agentName;
    private DateTimeOffset _typingUntil;
    private int? _reconnecting;

    public ScreenTranscript Transcript { get; } = new();

    public string? ConversationId { get; private set; }

    /// <summary>The conversation has ended: the UI asks for a rating.</summary>
    public bool Ended { get; private set; }

    /// <summary>The last problem to show under the transcript (a refused message, a lost connection).</summary>
    public string Notice { get; private set; } = "Type a message and press Enter. F1: help.";

    public bool Apply(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case CustomerWelcome w:
                ConversationId = w.ConversationId;
                // Welcomed again after a reconnect: what the customer waits for, or who it talks to, has not changed
                // (an assignment the server does not repeat is still the agent's, and a queue position is sent anew).
                if (_phase == Connecting)
                {
                    _phase = $"Asking {VisibleText.OneLine(w.Department)} for help…";
                }

                return true;
            case QueuePosition { Offline: true } q:
                _phase = VisibleText.OneLine(q.OfflineMessage.Length > 0 ? q.OfflineMessage : "We're offline; leave a message and we'll answer here.");
                return true;
            case QueuePosition q:
                var wait = q.NoAgentAvailable ? " (nobody is available right now; you keep your place)"
                    : q.EstimatedWait is { } estimate && estimate > TimeSpan.Zero ? $" (about {Minutes(estimate)})" : string.Empty;
                _phase = $"Waiting: you are number {q.Position} in line for {VisibleText.OneLine(q.Department)}{wait}.";
                return true;
            case ConversationAssigned a:
                _agentName = VisibleText.OneLine(a.AgentName);
                var title = a.AgentTitle.Length == 0 ? string.Empty : $", {VisibleText.OneLine(a.AgentTitle)}";
                _phase = $"Connected to {_agentName}{title}.";
                return true;
            case MessageReceived m:
                if (Transcript.Add(m) && m.From == SenderRole.Agent && !m.IsOwn)
                {
                    _typingUntil = default;
                }

                return true;
            case TypingReceived t when t.From == SenderRole.Agent:
                _typingUntil = time.GetUtcNow() + AgentScreenState.TypingShownFor;
                return true;
            case ConversationEnded e:
                Ended = true;
                Transcript.FailAll();
                _phase = e.By switch
                {
                    EndedBy.Agent => $"{_agentName ?? "The agent"} ended the conversation.",
                    EndedBy.Customer => "You ended the conversation.",
                    _ => $"The conversation was closed: {VisibleText.OneLine(e.Reason)}",
                };
                return true;
            case ServerError e:
                if (e.ClientMsgId is { } refused && !IsHeld(e.Code))
                {
                    Transcript.Failed(refused);
                }

                Notice = $"{e.Code}: {VisibleText.OneLine(e.Message)}";
                return true;
            case Reconnecting r:
                _reconnecting = r.Attempt;
                Notice = "Messages you send now are kept and go out when the connection is back.";
                return true;
            case Reconnected:
                _reconnecting = null;
                Notice = "Reconnected.";
                return true;
            case StreamClosed { Code: not ("OK" or "Cancelled") } c:
                _reconnecting = null;
                Notice = $"Disconnected: {VisibleText.OneLine(c.Message)}";
                Closing = $"{StatusLine()} {Notice}";
                return true;
            default:
                return false;
        }
    }

    /// <summary>Why the session ended, when it ended on a failure (e.g. another copy of the customer took over); it is
    /// what the screen leaves behind, since the screen is gone before anyone could read its notice.</summary>
    public string? Closing { get; private set; }

    public void ShowNotice(string notice) => Notice = VisibleText.OneLine(notice);

    /// <summary>The transcript as shown, the customer's unacknowledged messages last.</summary>
    public IReadOnlyList<TranscriptLine> Shown => Transcript.Shown(_ownName);

    /// <summary>The customer sent a message: it shows at once, marked as not sent yet until the server has it.</summary>
    public void Sending(SendInput send) => Transcript.Sending(send, time.GetUtcNow());

    /// <summary>The session queued the send under its client_msg_id (which a refusal names).</summary>
    public void Queued(SendInput send, string clientMsgId) => Transcript.Queued(send, clientMsgId);

    /// <summary>Text typed but never sent because the conversation ended: kept in the transcript, marked as not sent,
    /// since the input line now takes the rating.</summary>
    public void KeepUnsent(string text)
    {
        var unsent = new SendInput(null, text);
        Transcript.Sending(unsent, time.GetUtcNow());
        Transcript.Failed(unsent);
    }

    /// <summary>The send failed before it reached the server; its line stays, marked, and the reason is the notice.</summary>
    public void SendFailed(SendInput send, string code, string message)
    {
        Transcript.Failed(send);
        Notice = $"Not sent ({code}): {VisibleText.OneLine(message)}";
    }

    /// <summary>What is happening: reconnecting while the connection is lost; otherwise the conversation's phase, with
    /// the agent's typing shown while it lasts.</summary>
    public string StatusLine() =>
        _reconnecting is { } attempt && !Ended ? $"Connection lost; reconnecting (attempt {attempt})…"
        : !Ended && _agentName is not null && time.GetUtcNow() < _typingUntil ? $"{_phase} {_agentName} is typing…" : _phase;

    /// <summary>A refusal that does not fail the send: the session sends it again by itself (see ServerError).</summary>
    private static bool IsHeld(string code) => code is "Unavailable" or "ResourceExhausted";

    private static string Minutes(TimeSpan wait) => wait < TimeSpan.FromMinutes(1.5) ? "1 minute" : $"{Math.Round(wait.TotalMinutes)} minutes";
}
