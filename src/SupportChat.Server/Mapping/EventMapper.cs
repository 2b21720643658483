using Google.Protobuf.WellKnownTypes;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.V1;
using DomainEndedBy = SupportChat.Domain.Conversations.EndedBy;
using DomainSenderRole = SupportChat.Domain.Messages.SenderRole;

namespace SupportChat.Server.Mapping;

/// <summary>Grain views to wire events.</summary>
internal static class EventMapper
{
    public static ServerEvent Message(MessageView m) => new()
    {
        Message = new ChatMessage
        {
            ConversationId = m.ConversationId,
            Seq = m.Seq,
            MessageId = m.MessageId,
            From = Role(m.From),
            SenderId = m.SenderId,
            SenderName = m.SenderName,
            Text = m.Text,
            SentAt = Timestamp.FromDateTimeOffset(m.SentAt),
            ClientMsgId = m.ClientMsgId,
        },
    };

    public static ServerEvent Ack(SendReceipt r) => new()
    {
        Ack = new Ack
        {
            ClientMsgId = r.ClientMsgId,
            ConversationId = r.ConversationId,
            Seq = r.Seq,
            MessageId = r.MessageId,
            SentAt = Timestamp.FromDateTimeOffset(r.SentAt),
        },
    };

    public static ServerEvent Assigned(AssignmentView a) => new()
    {
        Assigned = new Assigned
        {
            ConversationId = a.ConversationId,
            Department = a.Department,
            AgentId = a.AgentId,
            AgentName = a.AgentName,
            AgentTitle = a.AgentTitle,
            CustomerId = a.CustomerId,
            CustomerName = a.CustomerName,
            StartedAt = Timestamp.FromDateTimeOffset(a.StartedAt),
            CustomerEmail = a.CustomerEmail,
            HandoverNote = a.HandoverNote,
            HandoverFrom = a.HandoverFrom,
        },
    };

    /// <summary>Issue 21: a private note, for agents' streams and agents' and admins' transcripts only.</summary>
    public static ServerEvent Note(NoteView n) => new() { Note = PrivateNote(n) };

    public static PrivateNote PrivateNote(NoteView n) => new()
    {
        ConversationId = n.ConversationId,
        NoteId = n.NoteId,
        NoteSeq = n.NoteSeq,
        AfterSeq = n.AfterSeq,
        AuthorId = n.AuthorId,
        AuthorName = n.AuthorName,
        Text = n.Text,
        WrittenAt = Timestamp.FromDateTimeOffset(n.WrittenAt),
        ClientMsgId = n.ClientMsgId,
    };

    public static ServerEvent QueueLength(QueueLengthView length) => new()
    {
        QueueLength = new QueueLength { Department = length.Department, Waiting = length.Waiting, Offline = length.Offline },
    };

    public static ServerEvent Queued(QueuePositionView q) => new()
    {
        Queued = new Queued
        {
            ConversationId = q.ConversationId,
            Department = q.Department,
            Position = q.Position,
            EstimatedWaitSeconds = q.EstimatedWait is { } wait ? (int)Math.Ceiling(wait.TotalSeconds) : 0,
            NoAgentAvailable = q.NobodyAvailable,
            Offline = q.Offline is not null,
            OpenAt = q.Offline?.OpensAt is { } opensAt ? Timestamp.FromDateTimeOffset(opensAt) : null,
            OfflineMessage = q.Offline?.Message ?? string.Empty,
        },
    };

    public static ServerEvent Signal(SignalView s) => s.Kind == SignalKind.Typing
        ? new ServerEvent { Typing = new TypingNotice { ConversationId = s.ConversationId, Name = s.Name, From = Role(s.From) } }
        : new ServerEvent { Read = new ReadNotice { ConversationId = s.ConversationId, Name = s.Name, Seq = s.Seq } };

    /// <summary>For an agent: a conversation it had is no longer its own (it ended, or went to another agent while the
    /// agent was away); <paramref name="lastSeq"/> is what the agent had seen.</summary>
    public static ServerEvent NoLongerYours(string conversationId, long lastSeq) => Ended(new EndedView(conversationId, DomainEndedBy.System,
        "this conversation is no longer yours: it ended or went to another agent while you were away.", lastSeq));

    public static ServerEvent Ended(EndedView e) => new()
    {
        Ended = new Ended
        {
            ConversationId = e.ConversationId,
            By = e.By switch
            {
                DomainEndedBy.Customer => EndedBy.Customer,
                DomainEndedBy.Agent => EndedBy.Agent,
                _ => EndedBy.System,
            },
            Reason = e.Reason,
            LastSeq = e.LastSeq,
        },
    };

    public static ServerEvent Ready(AgentSnapshot s) => new()
    {
        Ready = new Ready
        {
            AgentId = s.Profile.AgentId,
            Name = s.Profile.Name,
            Departments = { s.Profile.Departments },
            Capacity = s.Profile.Capacity,
            Status = s.Available ? AgentStatus.Available : AgentStatus.Away,
        },
    };

    public static SenderRole Role(DomainSenderRole role) => role switch
    {
        DomainSenderRole.Customer => SenderRole.Customer,
        DomainSenderRole.Agent => SenderRole.Agent,
        _ => SenderRole.System,
    };
}
