namespace SupportChat.Domain.Canned;

/// <summary>A team-wide saved reply: what an agent types after '/' (<paramref name="Shortcut"/>) and what it stands for.
/// The text keeps its placeholders ({customer}, {agent}); the agent's client fills them in.</summary>
public sealed record CannedReply(string Shortcut, string Text);
