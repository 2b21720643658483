namespace SupportChat.Grains.Contracts;

/// <summary>An agent's presence, capacity and open conversations; the final word on whether it takes one more.</summary>
[Alias("supportchat.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    /// <summary>Connects a stream; a newer sign-in replaces an older stream, which is told so
    /// (<see cref="IChatObserver.OnReplaced"/>). <paramref name="claimed"/> are the conversations the client had open
    /// before it reconnected.</summary>
    [Alias("SignIn")]
    Task<AgentSnapshot> SignIn(AgentProfile profile, IChatObserver observer, IReadOnlyList<string> claimed);

    /// <summary>An open stream making sure this grain still knows it: after a node died, this grain may be a fresh
    /// activation that lost the sign-in. Signs the stream in again (keeping its availability) only when the grain
    /// knows no stream; null when nothing had to change. A stream that a newer sign-in replaced is told so instead.</summary>
    [Alias("Reattach")]
    Task<AgentSnapshot?> Reattach(AgentProfile profile, IChatObserver observer, IReadOnlyList<string> claimed, bool available);

    /// <summary>The agent signed off (the SignOff command): its open conversations go back to their queues.</summary>
    [Alias("SignOff")]
    Task SignOff(IChatObserver observer);

    /// <summary>The stream dropped: the agent takes nothing new, and unless it signs in again within the grace
    /// period its open conversations go back to their queues.</summary>
    [Alias("Disconnected")]
    Task Disconnected(IChatObserver observer);

    /// <summary>An open conversation of this agent found after a restart. <paramref name="agentName"/> is the agent's
    /// name as the conversation knows it: until the agent signs in again, it is all this grain knows of who it is.</summary>
    [OneWay, Alias("Restore")]
    Task Restore(string conversationId, string? agentName);

    /// <summary>Asked after a node died: a stream that died with it counts as disconnected (grace period, then the
    /// agent's conversations go back to their queues), so no customer is routed to an agent nobody hears.</summary>
    [OneWay, Alias("CheckStream")]
    Task CheckStream();

    /// <summary>Capacity 0 leaves it unchanged.</summary>
    [Alias("SetStatus")]
    Task<AgentSnapshot> SetStatus(bool available, int capacity);

    [Alias("GetSnapshot")]
    Task<AgentSnapshot> GetSnapshot();

    /// <summary>Takes room for a conversation offered by <paramref name="department"/>'s queue, which learns the new
    /// load from the result (the agent's other departments are told separately).</summary>
    [Alias("TryReserve")]
    Task<ReserveResult> TryReserve(string conversationId, string department);

    /// <summary>Issue 21: takes room for a conversation handed over by name; a refusal says why (not signed in, away,
    /// at capacity) and takes nothing.</summary>
    [Alias("TryTakeHandover")]
    Task<HandoverAnswer> TryTakeHandover(string conversationId);

    [OneWay, Alias("Release")]
    Task Release(string conversationId);

    [OneWay, Alias("NotifyAssigned")]
    Task NotifyAssigned(AssignmentView assignment);

    /// <summary>One of the agent's departments has a new queue length; passed on to the agent's stream.</summary>
    [OneWay, Alias("NotifyQueueLength")]
    Task NotifyQueueLength(QueueLengthView length);
}
