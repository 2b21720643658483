namespace SupportChat.Grains.Contracts;

[GenerateSerializer, Immutable, Alias("supportchat.QueueStatus")]
public sealed record QueueStatus(
    [property: Id(0)] string Department,
    [property: Id(1)] int Waiting,
    [property: Id(2)] int AgentsOnline,
    [property: Id(3)] int FreeSeats);
