using SupportChat.Client.Events;
using SupportChat.Protocol.V1;
using SupportChat.Client.Mapping;
using SenderRole = SupportChat.Client.Events.SenderRole;

namespace SupportChat.Client.Sessions;

/// <summary>
/// Turns wire events into typed events. Drops any message at or below the highest seq already shown for its
/// conversation (exactly once on the screen), and turns the sender's own ack into its message event.
/// </summary>
internal sealed class EventTranslator
{
    private readonly Dictionary<string, long> _shown = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _assignedTo = new(StringComparer.Ordinal);
    private readonly SenderRole _ownRole;
    private string _ownName;
    private readonly PendingSends _pending;
    private CustomerWelcome? _welcome;

    public EventTranslator(SenderRole ownRole, string ownName, PendingSends pending, CustomerResume? resumed = null)
    {
        _ownRole = ownRole;
        _ownName = ownName;
        _pending = pending;
        if (resumed is not null)
        {
            OwnId = resumed.CustomerId;
            _welcome = new CustomerWelcome(resumed.CustomerId, resumed.SessionToken, resumed.ConversationId, string.Empty);
            _shown[resumed.ConversationId] = resumed.LastSeq;
        }
    }

    /// <summary>Set from the ready or welcome event.</summary>
    public string OwnId { get; private set; } = string.Empty;

    /// <summary>Highest seq shown per conversation: what a resume would ask to continue after.</summary>
    public IReadOnlyDictionary<string, long> Shown => _shown;

    /// <summary>The server's send limit, once it has said (per second, burst).</summary>
    public (double PerSecond, int Burst)? SendLimit { get; private set; }

    /// <summary>A customer's way back to its conversation, once the server has welcomed it.</summary>
    public CustomerResume? CustomerResume =>
        _welcome is { } w ? new CustomerResume(w.CustomerId, w.SessionToken, w.ConversationId, _shown.GetValueOrDefault(w.ConversationId)) : null;

    /// <summary>An agent's open conversations and the highest seq shown in each: its cursors for a resume.</summary>
    public IReadOnlyDictionary<string, long> OpenCursors => _open.ToDictionary(id => id, id => _shown.GetValueOrDefault(id), StringComparer.Ordinal);

    /// <summary>A send the server could not take this time (Unavailable: not stored; ResourceExhausted: over the rate):
    /// the session sends it again rather than fail it.</summary>
    public bool IsTransientSendFailure(ServerEvent e, out PendingSend send)
    {
        send = null!;
        return e.EventCase == ServerEvent.EventOneofCase.Error
            && e.Error.Code is "Unavailable" or "ResourceExhausted"
            && e.Error.ClientMsgId.Length > 0
            && _pending.TryTake(e.Error.ClientMsgId, out send);
    }

    public ChatEvent? Translate(ServerEvent e) => e.EventCase switch
    {
        ServerEvent.EventOneofCase.Ready => Ready(e.Ready),
        ServerEvent.EventOneofCase.Welcome => Welcome(e.Welcome),
        ServerEvent.EventOneofCase.Queued => new QueuePosition(e.Queued.ConversationId, e.Queued.Department, e.Queued.Position,
            e.Queued.EstimatedWaitSeconds > 0 ? TimeSpan.FromSeconds(e.Queued.EstimatedWaitSeconds) : null),
        ServerEvent.EventOneofCase.Assigned => Assigned(e.Assigned),
        ServerEvent.EventOneofCase.Message => Message(e.Message),
        ServerEvent.EventOneofCase.Ack => Ack(e.Ack),
        ServerEvent.EventOneofCase.Typing => new TypingReceived(e.Typing.ConversationId, e.Typing.Name, WireEnums.Role(e.Typing.From)),
        ServerEvent.EventOneofCase.Read => new ReadReceived(e.Read.ConversationId, e.Read.Seq, e.Read.Name),
        ServerEvent.EventOneofCase.Ended => Ended(e.Ended),
        ServerEvent.EventOneofCase.Error => Error(e.Error),
        ServerEvent.EventOneofCase.QueueLength => new QueueLengthChanged(e.QueueLength.Department, e.QueueLength.Waiting),
        _ => null,
    };

    private ConversationEnded Ended(Ended ended)
    {
        _open.Remove(ended.ConversationId);
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
        };
    }

    private CustomerWelcome Welcome(Welcome welcome)
    {
        OwnId = welcome.CustomerId;
        Limit(welcome.SendLimit);
        _welcome = new CustomerWelcome(welcome.CustomerId, welcome.SessionToken, welcome.ConversationId, welcome.Department);
        return _welcome;
    }

    /// <summary>A new assignment; the same one repeated by the server after a reconnect is dropped.</summary>
    private ConversationAssigned? Assigned(Assigned a)
    {
        _open.Add(a.ConversationId);
        if (_assignedTo.GetValueOrDefault(a.ConversationId) == a.AgentId)
        {
            return null;
        }

        _assignedTo[a.ConversationId] = a.AgentId;
        return new(a.ConversationId, a.Department, a.AgentId, a.AgentName, a.AgentTitle, a.CustomerId, a.CustomerName,
        a.StartedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue);
    }

    private MessageReceived? Message(ChatMessage m)
    {
        var isOwn = m.SenderId.Length > 0 && m.SenderId == OwnId;
        _pending.TryTake(m.ClientMsgId, out var send);
        var message = new MessageReceived(m.ConversationId, m.Seq, m.MessageId, WireEnums.Role(m.From), m.SenderId, m.SenderName, m.Text,
            m.SentAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, m.ClientMsgId, isOwn || send is not null);
        send?.Succeed(message);
        if (!Show(m.ConversationId, m.Seq))
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
        return Show(ack.ConversationId, ack.Seq) ? message : null;
    }

    private ServerError Error(Error error)
    {
        if (error.ClientMsgId.Length > 0 && _pending.TryTake(error.ClientMsgId, out var send))
        {
            send.Fail(new ChatClientException(error.Code, error.Message));
        }

        return new ServerError(error.Code, error.Message, NullIfEmpty(error.ClientMsgId), NullIfEmpty(error.ConversationId));
    }

    private bool Show(string conversationId, long seq)
    {
        if (seq <= _shown.GetValueOrDefault(conversationId))
        {
            return false;
        }

        _shown[conversationId] = seq;
        return true;
    }

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
