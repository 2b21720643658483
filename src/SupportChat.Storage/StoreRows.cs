using System.Data.Common;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;

namespace SupportChat.Storage;

/// <summary>
/// How a database keeps the two values the stores keep differently — a time and a conversation's list of agents —
/// and the row readers and writers built on them, which follow <see cref="StoreSql"/>'s column orders.
/// </summary>
internal abstract class StoreRows
{
    public abstract object ToDb(DateTimeOffset at);

    public abstract object ToDb(IReadOnlyList<string> agents);

    public abstract DateTimeOffset ReadTime(DbDataReader r, int ordinal);

    /// <summary>SQL that turns a stored time <paramref name="column"/> into Unix milliseconds (an integer).</summary>
    public abstract string EpochMs(string column);

    protected abstract IReadOnlyList<string> ReadAgents(DbDataReader r, int ordinal);

    /// <summary>The values of <see cref="StoreSql.UpsertConversation"/>, in its order; null for SQL NULL.</summary>
    public object?[] ConversationValues(ConversationRecord c) =>
    [
        c.Id, c.CustomerId, c.CustomerName, c.Department, (int)c.Status, c.AgentId, c.AgentName, ToDb(c.Agents), ToDb(c.StartedAt),
        c.EndedAt is { } ended ? ToDb(ended) : null, c.EndedBy is { } by ? (int)by : null, c.CustomerEmail,
    ];

    public ConversationRecord ReadConversation(DbDataReader r) => new(
        Id: r.GetString(0),
        CustomerId: r.GetString(1),
        CustomerName: r.GetString(2),
        Department: r.GetString(3),
        Status: (ConversationStatus)r.GetInt32(4),
        AgentId: r.IsDBNull(5) ? null : r.GetString(5),
        AgentName: r.IsDBNull(6) ? null : r.GetString(6),
        Agents: ReadAgents(r, 7),
        StartedAt: ReadTime(r, 8),
        EndedAt: r.IsDBNull(9) ? null : ReadTime(r, 9),
        EndedBy: r.IsDBNull(10) ? null : (EndedBy)r.GetInt32(10),
        MessageCount: r.GetInt64(11),
        Rating: r.IsDBNull(12) ? null : new ConversationRating(r.GetInt32(12), r.GetString(13), ReadTime(r, 14)),
        CustomerEmail: r.IsDBNull(15) ? null : r.GetString(15));

    public StoredMessage ReadMessage(DbDataReader r) => new(
        ConversationId: r.GetString(0),
        Seq: r.GetInt64(1),
        MessageId: r.GetString(2),
        From: (SenderRole)r.GetInt32(3),
        SenderId: r.GetString(4),
        SenderName: r.GetString(5),
        Text: r.GetString(6),
        ClientMsgId: r.GetString(7),
        SentAt: ReadTime(r, 8));

    /// <summary>A note's values in <see cref="StoreSql.NoteColumns"/>' order.</summary>
    public object?[] NoteValues(StoredNote n) =>
        [n.ConversationId, n.NoteSeq, n.AfterSeq, n.NoteId, n.AuthorId, n.AuthorName, n.Text, n.ClientMsgId, ToDb(n.WrittenAt)];

    public StoredNote ReadNote(DbDataReader r) => new(
        ConversationId: r.GetString(0),
        NoteSeq: r.GetInt64(1),
        AfterSeq: r.GetInt64(2),
        NoteId: r.GetString(3),
        AuthorId: r.GetString(4),
        AuthorName: r.GetString(5),
        Text: r.GetString(6),
        ClientMsgId: r.GetString(7),
        WrittenAt: ReadTime(r, 8));

    /// <summary>An event's values after its cursor, in <see cref="StoreSql.EventColumns"/>' order; null for SQL NULL.</summary>
    public object?[] EventValues(ChatEvent e) =>
    [
        e.Kind, ToDb(e.At), e.ConversationId, e.Department, e.AgentId, e.AgentName, e.CustomerId, e.CustomerName, e.Reason,
        e.EndedBy is { } by ? (int)by : null, e.Score, e.Status, e.FromDepartment,
    ];

    public ChatEvent ReadEvent(DbDataReader r) => new(r.GetString(1), ReadTime(r, 2))
    {
        Cursor = r.GetInt64(0),
        ConversationId = Text(r, 3),
        Department = Text(r, 4),
        AgentId = Text(r, 5),
        AgentName = Text(r, 6),
        CustomerId = Text(r, 7),
        CustomerName = Text(r, 8),
        Reason = Text(r, 9),
        EndedBy = r.IsDBNull(10) ? null : (EndedBy)r.GetInt32(10),
        Score = r.IsDBNull(11) ? null : r.GetInt32(11),
        Status = Text(r, 12),
        FromDepartment = Text(r, 13),
    };

    private static string? Text(DbDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);
}
