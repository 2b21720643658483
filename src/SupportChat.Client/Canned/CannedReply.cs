namespace SupportChat.Client.Canned;

/// <summary>A team-wide saved reply. <see cref="Text"/> may hold the placeholders <c>{customer}</c> and <c>{agent}</c>,
/// which <see cref="Expand"/> fills in for a conversation.</summary>
public sealed record CannedReply(string Shortcut, string Text)
{
    /// <summary>The text with <c>{customer}</c> and <c>{agent}</c> replaced by the names given (each as often as it occurs;
    /// any other brace is left as it is).</summary>
    public string Expand(string customer, string agent) =>
        Text.Replace("{customer}", customer, StringComparison.Ordinal).Replace("{agent}", agent, StringComparison.Ordinal);
}

/// <summary>The answer to adding a canned reply: the reply as stored, and whether it replaced the text of one with the
/// same shortcut.</summary>
public sealed record CannedReplySaved(CannedReply Reply, bool Replaced);
