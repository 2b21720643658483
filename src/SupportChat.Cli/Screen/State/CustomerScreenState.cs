using SupportChat.Client.Events;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Screen.State;

/// <summary>
/// Everything the customer's full-screen UI shows, kept from the session's events without any terminal: the
/// transcript and one status line saying what is happening (waiting, connected, typing, reconnecting, ended).
/// </summary>
internal sealed class CustomerScreenState(TimeProvider time)
{
    private string _phase = "Connecting…";
    private string? _agentName;
    private DateTimeOffset _typingUntil;

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
                _phase = $"Asking {VisibleText.OneLine(w.Department)} for help…";
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
                if (Transcript.Add(m) && m.From == SenderRole.Agent)
                {
                    _typingUntil = default;
                }

                return true;
            case TypingReceived t when t.From == SenderRole.Agent:
                _typingUntil = time.GetUtcNow() + AgentScreenState.TypingShownFor;
                return true;
            case ConversationEnded e:
                Ended = true;
                _phase = e.By switch
                {
                    EndedBy.Agent => $"{_agentName ?? "The agent"} ended the conversation.",
                    EndedBy.Customer => "You ended the conversation.",
                    _ => $"The conversation was closed: {VisibleText.OneLine(e.Reason)}",
                };
                return true;
            case ServerError e:
                Notice = $"{e.Code}: {VisibleText.OneLine(e.Message)}";
                return true;
            case Reconnecting r:
                Notice = $"Connection lost; reconnecting (attempt {r.Attempt})… Messages you send now go out when it is back.";
                return true;
            case Reconnected:
                Notice = "Reconnected.";
                return true;
            case StreamClosed { Code: not ("OK" or "Cancelled") } c:
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

    /// <summary>What is happening, with the agent's typing shown while it lasts.</summary>
    public string StatusLine() =>
        !Ended && _agentName is not null && time.GetUtcNow() < _typingUntil ? $"{_phase} {_agentName} is typing…" : _phase;

    private static string Minutes(TimeSpan wait) => wait < TimeSpan.FromMinutes(1.5) ? "1 minute" : $"{Math.Round(wait.TotalMinutes)} minutes";
}
