using SupportChat.Client.Canned;

namespace SupportChat.Client.Events;

/// <summary>Agents: the team's canned replies changed (on any node): the whole list as it is now, which replaces the one
/// from <see cref="AgentReady.CannedReplies"/> or an earlier change.</summary>
public sealed record CannedRepliesChanged(IReadOnlyList<CannedReply> Replies) : ChatEvent;
