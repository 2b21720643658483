namespace SupportChat.Grains.Contracts;

/// <summary>
/// The edge end of a participant's stream, as grains see it. Calls are one-way: a grain never waits
/// on a client's network, and the edge puts each call into that stream's bounded queue.
/// </summary>
[Alias("supportchat.IChatObserver")]
public interface IChatObserver : IGrainObserver
{
    /// <summary>Answers at once while the stream's node is alive. Asked only after a node of the cluster died, to
    /// find the streams that died with it (one-way calls to them vanish without a word).</summary>
    [Alias("Ping")]
    Task Ping();

    [OneWay, Alias("OnAssigned")]
    Task OnAssigned(AssignmentView assignment);

    [OneWay, Alias("OnQueued")]
    Task OnQueued(QueuePositionView position);

    /// <summary>Consecutive messages of one conversation, in seq order.</summary>
    [OneWay, Alias("OnMessages")]
    Task OnMessages([Immutable] IReadOnlyList<MessageView> messages);

    /// <summary>Issue 21: a private note. Agents' streams only: a conversation never calls it on its customer's.</summary>
    [OneWay, Alias("OnNote")]
    Task OnNote(NoteView note);

    [OneWay, Alias("OnSignal")]
    Task OnSignal(SignalView signal);

    [OneWay, Alias("OnEnded")]
    Task OnEnded(EndedView ended);

    /// <summary>Agents only: a department's queue length.</summary>
    [OneWay, Alias("OnQueueLength")]
    Task OnQueueLength(QueueLengthView length);

    /// <summary>A newer stream of the same participant has taken over (a customer resumed its conversation, an agent
    /// signed in again), on this node or another: this stream ends at once with ABORTED and takes no more commands.
    /// Sent by the grain that knows which stream is the participant's: the conversation for its customer, the agent
    /// grain for its agent.</summary>
    [OneWay, Alias("OnReplaced")]
    Task OnReplaced();
}
