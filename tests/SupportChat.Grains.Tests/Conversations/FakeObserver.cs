using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Tests.Conversations;

/// <summary>A participant's stream called directly, without a silo: keeps every notification as it came (one entry per
/// call, so grouping shows), optionally in a journal shared with other streams (so the order across streams shows).</summary>
internal sealed class FakeObserver(string name, List<string>? journal = null) : IChatObserver
{
    public List<object> Calls { get; } = [];

    /// <summary>When set, pings fail as they do for a stream whose node died.</summary>
    public bool Dead { get; set; }

    public IEnumerable<IReadOnlyList<MessageView>> MessageNotifications => Calls.OfType<IReadOnlyList<MessageView>>();

    public Task Ping() => Dead ? Task.FromException(new TimeoutException($"{name}'s node is gone")) : Task.CompletedTask;

    public Task OnAssigned(AssignmentView assignment) => Record(assignment);

    public Task OnQueued(QueuePositionView position) => Record(position);

    public Task OnMessages(IReadOnlyList<MessageView> messages) => Record(messages);

    public Task OnSignal(SignalView signal) => Record(signal);

    public Task OnNote(NoteView note) => Record(note);

    public Task OnEnded(EndedView ended) => Record(ended);

    public Task OnQueueLength(QueueLengthView length) => Record(length);

    public Task OnReplaced() => Record(Replaced.Notice);

    private Task Record(object call)
    {
        Calls.Add(call);
        journal?.Add(name);
        return Task.CompletedTask;
    }
}
