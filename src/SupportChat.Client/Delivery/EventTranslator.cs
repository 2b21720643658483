using SupportChat.Client.Events;
using SupportChat.Client.Mapping;
using SupportChat.Protocol.V1;
using SenderRole = SupportChat.Client.Events.SenderRole;

namespace SupportChat.Client.Delivery;

/// <summary>
/// Turns wire events into typed events. Drops any message at or below the highest seq already shown for its
/// conversation (exactly once on the screen), turns the sender's own ack into its message event, and drops an
/// assignment the server repeats after a reconnect. What a resume needs is kept in the <see cref="ResumeState"/>.
/// </summary>
internal sealed class EventTranslator
{
    private readonly Dictionary<string, string> _assignedTo = new(StringComparer.Ordinal);

    // Issue 21: the server may hand a note again after a resume (the one placed right at the cursor): each shows once.
    private readonly HashSet<string> _notesShown = new(StringComparer.Ordinal);
    private readonly SenderRole _ownRole;
    private readonly PendingSends _pending;
    private readonly ResumeState _resume;
    private string _ownName;

    public EventTranslator(SenderRole ownRole, string ownName, PendingSends pending, ResumeState resume)
    {
        _ownRole = ownRole;
        _ownName = ownName;
        _pending = pending;
        _resume = resume;
        OwnId = resume.CustomerId ?? string.Empty;
    }

    /// <summary>Set from the ready or welcome event (or the resume a customer starts with).</summary>
    public string OwnId { get; private set; }

    /// <summary>The server's send limit, once it has said (per second, burst).</summary>
    public (double PerSecond, int Burst)? SendLimit { get; private set; }

    /// <summary>The typed event for one wire event (batches are unpacked before, by the protocol's reader), or null
    /// when there is nothing new to show.</summary>
    public ChatEvent? Translate(ServerEvent e) => e.EventCase switch
    {
        ServerEvent.EventOneofCase.Ready => Ready(e.Ready),
        ServerEvent.EventOneofCase.Welcome => Welcome(e.Welcome),
        ServerEvent.EventOneofCase.Queued => new QueuePosition(e.Queued.ConversationId, e.Queued.Department, e.Queued.Position,
            e.Queued.EstimatedWaitSeconds > 0 ? TimeSpan.FromSeconds(e.Queued.EstimatedWaitSeconds) : null)
        {
            NoAgentAvailable = e.Queued.NoAgentAvailable,
            Offline = e.Queued.Offline,
            OpenAt = e.Queued.OpenAt?.ToDateTimeOffset(),
            OfflineMessage = e.Queued.OfflineMessage,
        },
        ServerEvent.EventOneofCase.Assigned => Assigned(e.Assigned),
        ServerEvent.EventOneofCase.Note => Note(e.Note),
        ServerEvent.EventOneofCase.Message => Message(e.Message),
        ServerEvent.EventOneofCase.Ack => Ack(e.Ack),
        ServerEvent.EventOneofCase.Typing => new TypingReceived(e.Typing.ConversationId, e.Typing.Name, WireEnums.Role(e.Typing.From)),
        ServerEvent.EventOneofCase.Read => new ReadReceived(e.Read.ConversationId, e.Read.Seq, e.Read.Name),
        ServerEvent.EventOneofCase.Ended => Ended(e.Ended),
        ServerEvent.EventOneofCase.Error => Error(e.Error),
        ServerEvent.EventOneofCase.QueueLength => new QueueLengthChanged(e.QueueLength.Department, e.QueueLength.Waiting, e.QueueLength.Offline),
        ServerEvent.EventOneofCase.CannedRepliesChanged => new Events.CannedRepliesChanged([.. e.CannedRepliesChanged.Replies.Select(CannedMapper.FromWire)]),
        _ => null,
    };

    private ConversationEnded Ended(Ended ended)
    {
        _resume.Ended(ended.ConversationId);
        _assignedTo.Remove(ended.ConversationId);
        return new ConversationEnded(ended.ConversationId, WireEnums.By(ended.By), ended.Reason, ended.LastSeq);
    }

    private void Limit(SendLimit? limit)
    {
        if (limit is { PerSecond: > 0, Burst: > 0 })
        {
            SendLimit = (limit.PerSecond, limit.Burst);
        }
    }

    private AgentReady Ready(Ready ready)
    {
        OwnId = ready.AgentId;
        _ownName = ready.Name; // with an account, the server's name for this agent wins
        Limit(ready.SendLimit);
        return new AgentReady(ready.AgentId, ready.Name, [.. ready.Departments], ready.Capacity,
            ready.Status == AgentStatus.Away ? AgentAvailability.Away : AgentAvailability.Available)
        {
            ServerDepartments = [.. ready.ServerDepartments],
            CannedReplies = [.. ready.CannedReplies.Select(CannedMapper.FromWire)],
        };
    }

    private CustomerWelcome Welcome(Welcome welcome)
    {
        OwnId = welcome.CustomerId;
        Limit(welcome.SendLimit);
        var welcomed = new CustomerWelcome(welcome.CustomerId, welcome.SessionToken, welcome.ConversationId, welcome.Department);
        _resume.Welcomed(welcomed);
        return welcomed;
    }

    /// <summary>A new assignment; the same one repeated by the server after a reconnect is dropped.</summary>
    private ConversationAssigned? Assigned(Assigned a)
    {
        _resume.Opened(a.ConversationId);
        if (_assignedTo.GetValueOrDefault(a.ConversationId) == a.AgentId)
        {
            return null;
        }

        _assignedTo[a.ConversationId] = a.AgentId;
        return new(a.ConversationId, a.Department, a.AgentId, a.AgentName, a.AgentTitle, a.CustomerId, a.CustomerName,
        a.StartedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, a.CustomerEmail)
        {
            HandoverNote = a.HandoverNote,
            HandoverFrom = a.HandoverFrom,
        };
    }

    private NoteReceived? Note(PrivateNote n) =>
        _notesShown.Add(n.NoteId)
            ? new NoteReceived(n.ConversationId, n.NoteId, n.NoteSeq, n.AfterSeq, n.AuthorId, n.AuthorName, n.Text,
                n.WrittenAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, n.ClientMsgId, n.AuthorId.Length > 0 && n.AuthorId == OwnId)
            : null;

    private MessageReceived? Message(ChatMessage m)
    {
        var isOwn = m.SenderId.Length > 0 && m.SenderId == OwnId;
        _pending.TryTake(m.ClientMsgId, out var send);
        var message = new MessageReceived(m.ConversationId, m.Seq, m.MessageId, WireEnums.Role(m.From), m.SenderId, m.SenderName, m.Text,
            m.SentAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, m.ClientMsgId, isOwn || send is not null);
        send?.Succeed(message);
        if (!_resume.TryShow(m.ConversationId, m.Seq))
        {
            return null;
        }

        if (m.From == Protocol.V1.SenderRole.System)
        {
            // The server announces every change of agent with a system message: the next assignment is news.
            _assignedTo.Remove(m.ConversationId);
        }

        return message;
    }

    private MessageReceived? Ack(Ack ack)
    {
        if (!_pending.TryTake(ack.ClientMsgId, out var send))
        {
            return null;
        }

        var message = new MessageReceived(ack.ConversationId, ack.Seq, ack.MessageId, _ownRole, OwnId, _ownName, send.Text,
            ack.SentAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, ack.ClientMsgId, IsOwn: true);
        send.Succeed(message);
        return _resume.TryShow(ack.ConversationId, ack.Seq) ? message : null;
    }

    private ServerError Error(Error error)
    {
        if (error.ClientMsgId.Length > 0 && _pending.TryTake(error.ClientMsgId, out var send))
        {
            send.Fail(new ChatClientException(error.Code, error.Message));
        }

        return new ServerError(error.Code, error.Message, NullIfEmpty(error.ClientMsgId), NullIfEmpty(error.ConversationId));
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
