using System.Runtime.CompilerServices;
using SupportChat.Cli.Input;
using SupportChat.Cli.Participants;
using SupportChat.Client;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Sessions;

/// <summary>
/// Shows events through the real front end, then records how far the customer has got: the cursor is saved
/// only after a message is shown, so a killed process shows nothing twice and misses nothing when it resumes.
/// Also records that the customer left, as soon as it asks to: if the server never confirms the end (it is down),
/// the next start ends the conversation instead of resuming it, so no agent keeps a seat for a customer who is gone.
/// </summary>
internal sealed class SessionKeepingFrontEnd(IFrontEnd inner, CustomerSessionFile file, CustomerResume? saved) : IFrontEnd
{
    // Events arrive on the session's thread, commands on the input's; both write the file.
    private readonly Lock _gate = new();
    private CustomerResume? _identity;
    private string? _conversationId = saved?.ConversationId;
    private long _lastShown = saved?.LastSeq ?? 0;
    private bool _left;
    private bool _ended;
    private bool _replaced;

    public void Show(ChatEvent chatEvent)
    {
        inner.Show(chatEvent);
        lock (_gate)
        {
            switch (chatEvent)
            {
                case CustomerWelcome w:
                    if (w.ConversationId != _conversationId)
                    {
                        // A new conversation (the saved one could not be resumed): nothing of it was shown yet.
                        _conversationId = w.ConversationId;
                        _lastShown = 0;
                    }

                    _identity = new CustomerResume(w.CustomerId, w.SessionToken, w.ConversationId, _lastShown);
                    Save();
                    break;
                case MessageReceived m when _identity is not null && m.Seq > _lastShown:
                    // The session may have read further than this; only what was shown counts.
                    _lastShown = m.Seq;
                    _identity = _identity with { LastSeq = m.Seq };
                    Save();
                    break;
                case ConversationEnded:
                    _ended = true;
                    file.Delete();
                    break;
                case StreamClosed { Code: "Aborted" }:
                    // Another copy of this customer took the conversation over, and keeps the file.
                    _replaced = true;
                    break;
            }
        }
    }

    public void ShowProblem(string code, string message) => inner.ShowProblem(code, message);

    public void ShowNotice(string message) => inner.ShowNotice(message);

    public void SendQueued(SendInput send, string clientMsgId) => inner.SendQueued(send, clientMsgId);

    public void CommandFailed(InputCommand command, string code, string message) => inner.CommandFailed(command, code, message);

    public async IAsyncEnumerable<InputCommand> ReadCommandsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var command in inner.ReadCommandsAsync(cancellationToken))
        {
            if (command is QuitInput or EndInput)
            {
                MarkLeft();
            }

            yield return command;
        }

        // End of input: the customer leaves.
        MarkLeft();
    }

    /// <summary>Called once the session is over, however it ended (Ctrl+C and SIGTERM leave too). True when the customer
    /// left but the end was not confirmed: the conversation will be ended at the next start.</summary>
    public bool Finish()
    {
        MarkLeft();
        lock (_gate)
        {
            return _left && !_ended && !_replaced;
        }
    }

    private void MarkLeft()
    {
        lock (_gate)
        {
            if (_identity is null || _ended || _replaced || _left)
            {
                return;
            }

            _left = true;
            Save();
        }
    }

    private void Save() => file.Save(_identity!, _left);
}
