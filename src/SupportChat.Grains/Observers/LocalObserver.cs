using Orleans.Runtime;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Observers;

/// <summary>
/// A stream of this node, called directly (<see cref="LocalObservers"/>). It is looked up on every call, so that once
/// its reference is deleted the calls vanish and a ping fails, as they do through Orleans. The stream's methods only
/// queue and return at once, so calling them inside a grain's turn never waits on anyone.
/// </summary>
internal sealed class LocalObserver(LocalObservers observers, GrainId id) : IChatObserver
{
    public Task Ping() => Target?.Ping() ?? Task.FromException(new InvalidOperationException($"observer {id} is gone."));

    public Task OnAssigned(AssignmentView assignment) => Target?.OnAssigned(assignment) ?? Task.CompletedTask;

    public Task OnQueued(QueuePositionView position) => Target?.OnQueued(position) ?? Task.CompletedTask;

    public Task OnMessages(IReadOnlyList<MessageView> messages) => Target?.OnMessages(messages) ?? Task.CompletedTask;

    public Task OnNote(NoteView note) => Target?.OnNote(note) ?? Task.CompletedTask;

    public Task OnSignal(SignalView signal) => Target?.OnSignal(signal) ?? Task.CompletedTask;

    public Task OnEnded(EndedView ended) => Target?.OnEnded(ended) ?? Task.CompletedTask;

    public Task OnQueueLength(QueueLengthView length) => Target?.OnQueueLength(length) ?? Task.CompletedTask;

    public Task OnReplaced() => Target?.OnReplaced() ?? Task.CompletedTask;

    private IChatObserver? Target => observers.Target(id);
}
