using Microsoft.Extensions.Logging;

namespace SupportChat.Grains.Conversations;

/// <summary>Issue 21's log lines, in a range of their own (1210+) so that other grains' EventIds stay as they are.</summary>
internal static partial class HandoverLog
{
    [LoggerMessage(EventId = 1210, Level = LogLevel.Information, Message = "Conversation {ConversationId} handed over by agent {AgentId} to agent {ToAgentId}")]
    public static partial void HandedOver(ILogger logger, string conversationId, string agentId, string toAgentId);
}
