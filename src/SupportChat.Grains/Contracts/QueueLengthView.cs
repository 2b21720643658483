namespace SupportChat.Grains.Contracts;

/// <summary>How many customers wait in a department's queue, for the agents who serve it. Offline: how many of them
/// have waited while the department was offline (they left messages for later).</summary>
[GenerateSerializer, Immutable, Alias("supportchat.QueueLengthView")]
public sealed record QueueLengthView(
    [property: Id(0)] string Department,
    [property: Id(1)] int Waiting,
    [property: Id(2)] int Offline = 0);
