namespace SupportChat.Grains.Contracts;

/// <summary>A department queue as it stands. Away: how many of those waiting have lost their stream (they keep their
/// place, and get no agent until they are back).</summary>
[GenerateSerializer, Immutable, Alias("supportchat.QueueStatus")]
public sealed record QueueStatus(
    [property: Id(0)] string Department,
    [property: Id(1)] int Waiting,
    [property: Id(2)] int AgentsOnline,
    [property: Id(3)] int FreeSeats,
    [property: Id(4)] int Away = 0);
