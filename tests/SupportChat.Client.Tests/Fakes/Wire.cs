using Google.Protobuf.WellKnownTypes;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Tests.Fakes;

/// <summary>Server events as the server sends them.</summary>
internal static class Wire
{
    public const string CustomerId = "cust-1";
    public const string Token = "token-1";
    public const string ConversationId = "conv-1";
    public const string AgentId = "agent-1";

    private static readonly Timestamp SentAt = Timestamp.FromDateTimeOffset(DateTimeOffset.UnixEpoch);

    public static ServerEvent Welcome(SendLimit? limit = null) => new()
    {
        Welcome = new Welcome { CustomerId = CustomerId, SessionToken = Token, ConversationId = ConversationId, Department = "support", SendLimit = limit },
    };

    public static ServerEvent Ready(SendLimit? limit = null) => new()
    {
        Ready = new Ready { AgentId = AgentId, Name = "Ada", Capacity = 3, SendLimit = limit },
    };

    public static ServerEvent Assigned(string conversationId = ConversationId, string agentId = AgentId) => new()
    {
        Assigned = new Assigned
        {
            ConversationId = conversationId, Department = "support", AgentId = agentId, AgentName = "Ada", CustomerId = CustomerId,
            CustomerName = "Bob", StartedAt = SentAt,
        },
    };

    public static ServerEvent Message(long seq, string text = "hi", string conversationId = ConversationId,
        Protocol.V1.SenderRole from = Protocol.V1.SenderRole.Agent, string senderId = AgentId, string clientMsgId = "") => new()
    {
        Message = new ChatMessage
        {
            ConversationId = conversationId, Seq = seq, MessageId = $"m{seq}", From = from, SenderId = senderId, SenderName = "someone",
            Text = text, SentAt = SentAt, ClientMsgId = clientMsgId,
        },
    };

    public static ServerEvent Ack(string clientMsgId, long seq, string conversationId = ConversationId) => new()
    {
        Ack = new Ack { ClientMsgId = clientMsgId, ConversationId = conversationId, Seq = seq, MessageId = $"m{seq}", SentAt = SentAt },
    };

    public static ServerEvent Error(string code, string clientMsgId, string message = "not this time", string conversationId = "") => new()
    {
        Error = new Error { Code = code, Message = message, ClientMsgId = clientMsgId, ConversationId = conversationId },
    };

    /// <summary>A later send refused because an earlier one was refused and not sent again yet.</summary>
    public static ServerEvent HeldBack(string clientMsgId, string first, string conversationId = "") =>
        Error("Unavailable", clientMsgId, $"held back: resend {first} first", conversationId);

    public static ServerEvent Ended(string conversationId = ConversationId, long lastSeq = 0) => new()
    {
        Ended = new Ended { ConversationId = conversationId, By = Protocol.V1.EndedBy.Agent, Reason = "done", LastSeq = lastSeq },
    };

    public static ServerEvent Batch(params ServerEvent[] events)
    {
        var batch = new EventBatch();
        batch.Events.AddRange(events);
        return new ServerEvent { Batch = batch };
    }
}
