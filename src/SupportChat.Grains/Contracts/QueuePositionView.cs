namespace SupportChat.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("supportchat.QueuePositionView")]
public sealed record QueuePositionView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] string Department,
    [property: Id(2)] int Position,
    [property: Id(3)] TimeSpan? EstimatedWait)
{
    /// <summary>No agent of the department is signed in and available: the customer waits for one to come.</summary>
    [Id(4)]
    public bool NobodyAvailable { get; init; }

    /// <summary>Set while nobody can answer: the department is closed, or nobody of it is signed in.</summary>
    [Id(5)]
    public OfflineView? Offline { get; init; }
}
