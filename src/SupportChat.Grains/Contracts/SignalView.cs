using SupportChat.Domain.Messages;

namespace SupportChat.Grains.Contracts;

public enum SignalKind
{
    Typing = 1,
    Read = 2,
}

/// <summary>A typing or read-up-to-Seq notice from one participant to the others.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.SignalView")]
public sealed record SignalView(
    [property: Id(0)] string ConversationId,
    [property: Id(1)] SignalKind Kind,
    [property: Id(2)] SenderRole From,
    [property: Id(3)] string Name,
    [property: Id(4)] long Seq);
