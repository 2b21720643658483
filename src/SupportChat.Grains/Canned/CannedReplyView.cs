namespace SupportChat.Grains.Canned;

/// <summary>A canned reply as grains pass it on (the domain's <c>CannedReply</c> is not an Orleans type).</summary>
[GenerateSerializer, Immutable, Alias("supportchat.CannedReplyView")]
public sealed record CannedReplyView(
    [property: Id(0)] string Shortcut,
    [property: Id(1)] string Text);
