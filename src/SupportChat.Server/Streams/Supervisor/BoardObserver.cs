using SupportChat.Grains.Board;

namespace SupportChat.Server.Streams.Supervisor;

/// <summary>What the board calls: every call only queues for the stream's writer loop.</summary>
internal sealed class BoardObserver(BoardOutbox outbox) : IBoardObserver
{
    public Task OnChanges(BoardChanges changes)
    {
        outbox.Changes(changes);
        return Task.CompletedTask;
    }
}
