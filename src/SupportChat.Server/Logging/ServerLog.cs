namespace SupportChat.Server.Logging;

internal static partial class ServerLog
{
    [LoggerMessage(EventId = 2001, Level = LogLevel.Information, Message = "{Role} stream opened for {ParticipantId}")]
    public static partial void StreamOpened(ILogger logger, string role, string participantId);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "{Role} stream closed for {ParticipantId}")]
    public static partial void StreamClosed(ILogger logger, string role, string participantId);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Warning, Message = "Stream of {ParticipantId} is too slow: {Pending} events waiting; disconnecting it")]
    public static partial void SlowConsumer(ILogger logger, string participantId, int pending);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Command from {ParticipantId} failed unexpectedly")]
    public static partial void CommandFailed(ILogger logger, Exception exception, string participantId);

    [LoggerMessage(EventId = 2054, Level = LogLevel.Warning,
        Message = "{Count} send(s) of {ParticipantId} to conversation {ConversationId} refused for a passing reason ({Reason}); the client sends them again")]
    public static partial void SendsRefused(ILogger logger, int count, string participantId, string conversationId, string reason);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Cleaning up after the stream of {ParticipantId} failed")]
    public static partial void CleanupFailed(ILogger logger, Exception exception, string participantId);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "SupportChat ready on {Addresses}; {Web}; history in {Store}; departments: {Departments}. Ctrl+C stops it.")]
    public static partial void Ready(ILogger logger, string addresses, string web, string store, string departments);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Warning, Message = "Refreshing the subscriptions of {ParticipantId} failed")]
    public static partial void RefreshFailed(ILogger logger, Exception exception, string participantId);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning, Message = "Recovering conversation {ConversationId} failed")]
    public static partial void RecoveryFailed(ILogger logger, Exception exception, string conversationId);

    [LoggerMessage(EventId = 2009, Level = LogLevel.Information, Message = "Recovered {Count} open conversation(s) from the store")]
    public static partial void Recovered(ILogger logger, int count);

    [LoggerMessage(EventId = 2010, Level = LogLevel.Warning, Message = "INSECURE: listening on {Address} without TLS (--insecure). Anyone on the network can read and alter every conversation.")]
    public static partial void InsecureListen(ILogger logger, string address);

    [LoggerMessage(EventId = 2011, Level = LogLevel.Warning, Message = "Open mode: no agent account exists, so agents sign in by name alone (allowed because the server listens on loopback only). Create accounts with 'supportchat agents add' to require tokens.")]
    public static partial void OpenMode(ILogger logger);

    [LoggerMessage(EventId = 2012, Level = LogLevel.Warning, Message = "No agent account exists and the server is reachable from other machines: no agent can sign in until one is created with 'supportchat agents add'.")]
    public static partial void NoAgentAccounts(ILogger logger);

    [LoggerMessage(EventId = 2013, Level = LogLevel.Information, Message = "Signed agent {AgentId} in again: its grain had lost the sign-in (a node of the cluster died)")]
    public static partial void AgentReattached(ILogger logger, string agentId);

    [LoggerMessage(EventId = 2014, Level = LogLevel.Warning, Message = "Node {Silo} left the cluster; re-registering {Streams} open stream(s) on this node{Sweep}")]
    public static partial void NodeLost(ILogger logger, string silo, int streams, string sweep);

    [LoggerMessage(EventId = 2015, Level = LogLevel.Warning, Message = "Checking the cluster after a node left failed")]
    public static partial void NodeLostCheckFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2016, Level = LogLevel.Information, Message = "Cluster node {Silo} of cluster {ClusterId}; membership and store in PostgreSQL")]
    public static partial void ClusterNode(ILogger logger, string silo, string clusterId);

    [LoggerMessage(EventId = 2017, Level = LogLevel.Debug, Message = "{Role} stream of {ParticipantId} went away with the client ({Reason})")]
    public static partial void StreamGone(ILogger logger, string role, string participantId, string reason);

    [LoggerMessage(EventId = 2018, Level = LogLevel.Debug, Message = "Stream of {ParticipantId} replaced by a newer connection")]
    public static partial void StreamReplaced(ILogger logger, string participantId);

    [LoggerMessage(EventId = 2019, Level = LogLevel.Debug, Message = "Conversation {ConversationId} refused {ParticipantId}, whose grain still listed it; dropped from the stream")]
    public static partial void AttachRefused(ILogger logger, string participantId, string conversationId);

    [LoggerMessage(EventId = 2021, Level = LogLevel.Warning, Message = "The web widget was not built: {Root} is missing, so the web listener serves no pages (gRPC-Web works). Build it, or set Web:Root to its files.")]
    public static partial void WidgetNotBuilt(ILogger logger, string root);

    // 2050-2069: the operator's events of issue 20 (a range of their own, so parallel work does not take the same ids).
    [LoggerMessage(EventId = 2050, Level = LogLevel.Information, Message = "Customer {ParticipantId} joined {Department}: conversation {ConversationId}")]
    public static partial void CustomerJoined(ILogger logger, string participantId, string department, string conversationId);

    [LoggerMessage(EventId = 2051, Level = LogLevel.Information, Message = "Customer {ParticipantId} resumed conversation {ConversationId} after seq {LastSeq}")]
    public static partial void CustomerResumed(ILogger logger, string participantId, string conversationId, long lastSeq);

    [LoggerMessage(EventId = 2052, Level = LogLevel.Warning, Message = "Send from {ParticipantId} in conversation {ConversationId} refused: over its send rate")]
    public static partial void SendRateLimited(ILogger logger, string participantId, string conversationId);

    [LoggerMessage(EventId = 2053, Level = LogLevel.Warning, Message = "New stream from {Peer} refused: over its connection's join rate")]
    public static partial void JoinRateLimited(ILogger logger, string peer);

    [LoggerMessage(EventId = 2020, Level = LogLevel.Information, Message = "SupportChat stopping: closing open streams and committing what is queued")]
    public static partial void Stopping(ILogger logger);
}
