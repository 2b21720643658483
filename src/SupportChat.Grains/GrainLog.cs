using Microsoft.Extensions.Logging;

namespace SupportChat.Grains;

internal static partial class GrainLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Conversation {ConversationId} assigned to agent {AgentId} in {Department}")]
    public static partial void Assigned(ILogger logger, string conversationId, string agentId, string department);

    // Debug: written for every waiting customer whose place changes, so a busy queue would bury what operators read.
    [LoggerMessage(EventId = 1002, Level = LogLevel.Debug, Message = "Conversation {ConversationId} queued in {Department} at position {Position}")]
    public static partial void Queued(ILogger logger, string conversationId, string department, int position);

    [LoggerMessage(EventId = 1003, Level = LogLevel.Warning, Message = "Assigning conversation {ConversationId} to agent {AgentId} failed; the agent's seat is released")]
    public static partial void AssignFailed(ILogger logger, Exception exception, string conversationId, string agentId);

    [LoggerMessage(EventId = 1004, Level = LogLevel.Information, Message = "Conversation {ConversationId} ended by {EndedBy}: {Reason}")]
    public static partial void Ended(ILogger logger, string conversationId, string endedBy, string reason);

    [LoggerMessage(EventId = 1005, Level = LogLevel.Information, Message = "Conversation {ConversationId} transferred by agent {AgentId} to {Department}")]
    public static partial void Transferred(ILogger logger, string conversationId, string agentId, string department);

    [LoggerMessage(EventId = 1006, Level = LogLevel.Information, Message = "Agent {AgentId} signed in to {Departments} with capacity {Capacity}")]
    public static partial void AgentSignedIn(ILogger logger, string agentId, string departments, int capacity);

    [LoggerMessage(EventId = 1007, Level = LogLevel.Information, Message = "Agent {AgentId} signed off; {Count} open conversation(s) go back to the queue")]
    public static partial void AgentSignedOff(ILogger logger, string agentId, int count);

    [LoggerMessage(EventId = 1008, Level = LogLevel.Warning, Message = "Returning conversation {ConversationId} to the queue failed")]
    public static partial void ReturnToQueueFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 1009, Level = LogLevel.Information, Message = "Customer of conversation {ConversationId} disconnected; waiting {Grace} for it to come back")]
    public static partial void CustomerAway(ILogger logger, string conversationId, TimeSpan grace);

    [LoggerMessage(EventId = 1010, Level = LogLevel.Information, Message = "Agent {AgentId} disconnected with {Count} open conversation(s); waiting {Grace} for it to come back")]
    public static partial void AgentAway(ILogger logger, string agentId, int count, TimeSpan grace);

    [LoggerMessage(EventId = 1011, Level = LogLevel.Information, Message = "Agent {AgentId} did not come back; {Count} open conversation(s) go back to the queue")]
    public static partial void AgentGone(ILogger logger, string agentId, int count);

    // 1050-1069: the operator's events of issue 20 (a range of their own, so parallel work does not take the same ids).
    [LoggerMessage(EventId = 1050, Level = LogLevel.Information, Message = "Agent {AgentId} is now {Status} with capacity {Capacity}")]
    public static partial void AgentStatusChanged(ILogger logger, string agentId, string status, int capacity);

    [LoggerMessage(EventId = 1012, Level = LogLevel.Warning, Message = "Storing a message of conversation {ConversationId} failed; the sender will retry")]
    public static partial void AppendFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 1051, Level = LogLevel.Warning, Message = "Sending conversation rows to the supervisor board failed; their next change sends them again")]
    public static partial void BoardReportFailed(ILogger logger, Exception exception);
}
