using SupportChat.Client.Events;
using SupportChat.Protocol.V1;
using DomainEndedBy = SupportChat.Domain.Conversations.EndedBy;
using DomainSenderRole = SupportChat.Domain.Messages.SenderRole;

namespace SupportChat.Client.Sessions;

/// <summary>
/// Turns wire events into typed events. Drops any message at or below the highest seq already shown for its
/// conversation (exactly once on the screen), and turns the sender's own ack into its message event.
/// </summary>
internal sealed class EventTranslator(DomainSenderRole ownRole, string ownName, PendingSends pending)
{
    private readonly Dictionary<string, long> _shown = new(StringComparer.Ordinal);

    /// <summary>Set from the ready or welcome event.</summary>
    public string OwnId { get; private set; } = string.Empty;

    /// <summary>Highest seq shown per conversation: what a resume would ask to continue after.</summary>
    public IReadOnlyDictionary<string, long> Shown => _shown;

    public ChatEvent? Translate(ServerEvent e) => e.EventCase switch
    {
        ServerEvent.EventOneofCase.Ready => Ready(e.Ready),
        ServerEvent.EventOneofCase.Welcome => Welcome(e.Welcome),
        ServerEvent.EventOneofCase.Queued => new QueuePosition(e.Queued.ConversationId, e.Queued.Department, e.Queued.Position,
            e.Queued.EstimatedWaitSeconds > 0 ? TimeSpan.FromSeconds(e.Queued.EstimatedWaitSeconds) : null),
        ServerEvent.EventOneofCase.Assigned => Assigned(e.Assigned),
        ServerEvent.EventOneofCase.Message => Message(e.Message),
        ServerEvent.EventOneofCase.Ack => Ack(e.Ack),
        ServerEvent.EventOneofCase.Typing => new TypingReceived(e.Typing.ConversationId, e.Typing.Name, Role(e.Typing.From)),
        ServerEvent.EventOneofCase.Read => new ReadReceived(e.Read.ConversationId, e.Read.Seq, e.Read.Name),
        ServerEvent.EventOneofCase.Ended => new ConversationEnded(e.Ended.ConversationId, By(e.Ended.By), e.Ended.Reason, e.Ended.LastSeq),
        ServerEvent.EventOneofCase.Error => Error(e.Error),
        _ => null,
    };

    private AgentReady Ready(Ready ready)
    {
        OwnId = ready.AgentId;
        return new AgentReady(ready.AgentId, ready.Name, [.. ready.Departments], ready.Capacity,
            ready.Status == AgentStatus.Away ? AgentAvailability.Away : AgentAvailability.Available);
    }

    private CustomerWelcome Welcome(Welcome welcome)
    {
        OwnId = welcome.CustomerId;
        return new CustomerWelcome(welcome.CustomerId, welcome.SessionToken, welcome.ConversationId, welcome.Department);
    }

    private static ConversationAssigned Assigned(Assigned a) => new(
        a.ConversationId, a.Department, a.AgentId, a.AgentName, a.AgentTitle, a.CustomerId, a.CustomerName,
        a.StartedAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue);

    private MessageReceived? Message(ChatMessage m)
    {
        var isOwn = m.SenderId.Length > 0 && m.SenderId == OwnId;
        pending.TryTake(m.ClientMsgId, out var send);
        var message = new MessageReceived(m.ConversationId, m.Seq, m.MessageId, Role(m.From), m.SenderId, m.SenderName, m.Text,
            m.SentAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, m.ClientMsgId, isOwn || send is not null);
        send?.Succeed(message);
        return Show(m.ConversationId, m.Seq) ? message : null;
    }

    private MessageReceived? Ack(Ack ack)
    {
        if (!pending.TryTake(ack.ClientMsgId, out var send))
        {
            return null;
        }

        var message = new MessageReceived(ack.ConversationId, ack.Seq, ack.MessageId, ownRole, OwnId, ownName, send.Text,
            ack.SentAt?.ToDateTimeOffset() ?? DateTimeOffset.MinValue, ack.ClientMsgId, IsOwn: true);
        send.Succeed(message);
        return Show(ack.ConversationId, ack.Seq) ? message : null;
    }

    private ServerError Error(Error error)
    {
        if (error.ClientMsgId.Length > 0 && pending.TryTake(error.ClientMsgId, out var send))
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

    private static DomainSenderRole Role(SenderRole role) => role switch
    {
        SenderRole.Agent => DomainSenderRole.Agent,
        SenderRole.System => DomainSenderRole.System,
        _ => DomainSenderRole.Customer,
    };

    private static DomainEndedBy By(EndedBy by) => by switch
    {
        EndedBy.Agent => DomainEndedBy.Agent,
        EndedBy.Customer => DomainEndedBy.Customer,
        _ => DomainEndedBy.System,
    };

    private static string? NullIfEmpty(string value) => value.Length == 0 ? null : value;
}
