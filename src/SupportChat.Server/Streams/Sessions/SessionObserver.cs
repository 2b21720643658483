using SupportChat.Grains.Contracts;
using SupportChat.Server.Mapping;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>What grains call; every call only queues for the session's writer loop.</summary>
internal sealed class SessionObserver(ParticipantSession session) : IChatObserver
{
    public Task Ping() => Task.CompletedTask;

    public Task OnAssigned(AssignmentView assignment) =>
        Post(new AttachInput(assignment.ConversationId, assignment));

    public Task OnQueued(QueuePositionView position) => Post(new PlainInput(EventMapper.Queued(position)));

    public Task OnMessages(IReadOnlyList<MessageView> messages) =>
        messages.Count == 0 ? Task.CompletedTask : Post(new MessagesInput(messages[0].ConversationId, messages));

    public Task OnNote(NoteView note) => Post(new NoteInput(note));

    public Task OnSignal(SignalView signal) => Post(new PlainInput(EventMapper.Signal(signal)));

    public Task OnEnded(EndedView ended) => Post(new EndedInput(ended));

    public Task OnQueueLength(QueueLengthView length) => Post(new PlainInput(EventMapper.QueueLength(length)));

    /// <summary>Not queued behind the inbox: the stream must stop taking commands at once.</summary>
    public Task OnReplaced()
    {
        session.Replace();
        return Task.CompletedTask;
    }

    private Task Post(SessionInput input)
    {
        session.Post(input);
        return Task.CompletedTask;
    }
}
