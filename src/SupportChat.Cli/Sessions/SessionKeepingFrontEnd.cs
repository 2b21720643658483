using SupportChat.Cli.Input;
using SupportChat.Cli.Participants;
using SupportChat.Client;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Sessions;

/// <summary>
/// Shows events through the real front end, then records how far the customer has got: the cursor is saved
/// only after a message is shown, so a killed process shows nothing twice and misses nothing when it resumes.
/// </summary>
internal sealed class SessionKeepingFrontEnd(IFrontEnd inner, CustomerSessionFile file, CustomerResume? saved) : IFrontEnd
{
    private CustomerResume? _identity;
    private string? _conversationId = saved?.ConversationId;
    private long _lastShown = saved?.LastSeq ?? 0;

    public void Show(ChatEvent chatEvent)
    {
        inner.Show(chatEvent);
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
                file.Save(_identity);
                break;
            case MessageReceived m when _identity is not null && m.Seq > _lastShown:
                // The session may have read further than this; only what was shown counts.
                _lastShown = m.Seq;
                file.Save(_identity with { LastSeq = m.Seq });
                break;
            case ConversationEnded:
                file.Delete();
                break;
        }
    }

    public void ShowProblem(string code, string message) => inner.ShowProblem(code, message);

    public void ShowNotice(string message) => inner.ShowNotice(message);

    public void SendQueued(SendInput send, string clientMsgId) => inner.SendQueued(send, clientMsgId);

    public void CommandFailed(InputCommand command, string code, string message) => inner.CommandFailed(command, code, message);

    public IAsyncEnumerable<InputCommand> ReadCommandsAsync(CancellationToken cancellationToken) => inner.ReadCommandsAsync(cancellationToken);
}
