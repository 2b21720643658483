namespace SupportChat.Grains.Contracts;

/// <summary>One send of a batch, as the participant's stream received it.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.OutgoingText")]
public sealed record OutgoingText([property: Id(0)] string ClientMsgId, [property: Id(1)] string Text);
