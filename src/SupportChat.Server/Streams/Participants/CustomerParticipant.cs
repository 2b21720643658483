using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Conversations;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Security;
using SupportChat.Server.Streams.Commands;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Participants;

/// <summary>A customer in its one conversation. Ending it (EndConversation) is leaving; a stream that ends any other way
/// leaves the conversation open for the customer grace period.</summary>
internal sealed class CustomerParticipant(
    CustomerArrival arrival, bool batchEvents, IChatGrains grains, SessionTokens tokens, ChatOptions options, TimeProvider time, ILogger logger)
    : IParticipant<CustomerCommand>
{
    private readonly string _conversationId = arrival.ConversationId;
    private readonly IConversationGrain _conversation = grains.Conversation(arrival.ConversationId);
    private readonly MessageSender _sender = new(new SendRateLimit(options, time), logger);
    private readonly Notices _notices = new(arrival.CustomerId, time, logger);

    public string ParticipantId => arrival.CustomerId;

    public string ConversationId => _conversationId;

    public bool EndsWithConversation => true;

    public bool BatchEvents => batchEvents;

    public IReadOnlyDictionary<string, long> Cursors { get; } = new Dictionary<string, long> { [arrival.ConversationId] = arrival.LastSeq };

    public bool HasLeft { get; private set; }

    public Task StartAsync(ParticipantSession session) => arrival.IsNew ? JoinAsync(session) : ResumeAsync(session);

    public Task BeforeRefreshAsync(ParticipantSession session, CancellationToken token) => Task.CompletedTask;

    /// <summary>A run of sends: those naming another conversation are refused, the rest go to the conversation together.</summary>
    public async Task SendAsync(ParticipantSession session, IReadOnlyList<CustomerCommand> run)
    {
        var own = new List<SendMessage>(run.Count);
        foreach (var command in run)
        {
            var send = command.Send;
            if (send.ConversationId.Length != 0 && send.ConversationId != _conversationId)
            {
                session.Post(new ErrorInput(StatusCode.PermissionDenied,
                    ChatException.NotAParticipantMessage(send.ConversationId), send.ClientMsgId, send.ConversationId));
            }
            else
            {
                own.Add(send);
            }
        }

        if (own.Count > 0)
        {
            await _sender.SendBatchAsync(session, _conversation, _conversationId, own);
        }
    }

    public Task HandleAsync(ParticipantSession session, CustomerCommand command)
    {
        switch (command.CommandCase)
        {
            case CustomerCommand.CommandOneofCase.Typing:
                return CommandGuard.RunAsync(session, logger, command.Typing.ConversationId, () =>
                {
                    EnsureOwn(command.Typing.ConversationId);
                    return _notices.TypingAsync(session, _conversation, _conversationId);
                });
            case CustomerCommand.CommandOneofCase.Read:
                return CommandGuard.RunAsync(session, logger, command.Read.ConversationId, () =>
                {
                    EnsureOwn(command.Read.ConversationId);
                    return _notices.ReadAsync(session, _conversation, _conversationId, command.Read.Seq);
                });
            case CustomerCommand.CommandOneofCase.End when command.End.ConversationId is { Length: > 0 } other && other != _conversationId:
                session.Post(new ErrorInput(StatusCode.PermissionDenied,
                    ChatException.NotAParticipantMessage(other), ConversationId: other));
                return Task.CompletedTask;
            case CustomerCommand.CommandOneofCase.End:
                return EndAsync(session, "customer ended the conversation");
            case CustomerCommand.CommandOneofCase.Hello:
                session.Post(new ErrorInput(StatusCode.FailedPrecondition, "hello was already received on this stream."));
                return Task.CompletedTask;
            default:
                session.Post(new ErrorInput(StatusCode.InvalidArgument, "unknown or empty command."));
                return Task.CompletedTask;
        }
    }

    public Task DropAsync(ParticipantSession session) => _conversation.CustomerDisconnected(session.Observer);

    private async Task JoinAsync(ParticipantSession session)
    {
        await NewConversation.OpenAsync(_conversationId, () => _conversation.Open(arrival.CustomerId, arrival.Name, arrival.Department, arrival.Email));
        session.Track(_conversationId, 0);
        await _conversation.Subscribe(arrival.CustomerId, session.Observer, 0);
        session.Post(new PlainInput(Welcome(arrival.Department)));
        ServerLog.CustomerJoined(logger, arrival.CustomerId, arrival.Department, _conversationId);
        await grains.Queue(arrival.Department).Enqueue(new QueueEntry(_conversationId, arrival.Name, time.GetUtcNow(), Front: false));
    }

    /// <summary>Same customer, same conversation: replay what the client has not seen, then go live.</summary>
    private async Task ResumeAsync(ParticipantSession session)
    {
        var result = await _conversation.Subscribe(arrival.CustomerId, session.Observer, arrival.LastSeq);
        var c = result.Conversation;
        session.Track(_conversationId, arrival.LastSeq);
        session.Post(new PlainInput(Welcome(c.Department)));
        session.Post(new ResumedInput(result));
        session.Metrics.SessionResumed("Customer");
        ServerLog.CustomerResumed(logger, arrival.CustomerId, _conversationId, arrival.LastSeq);
        if (c.Status == ConversationStatus.Queued)
        {
            // Tells the customer its place again (and puts it back in line if the server restarted).
            await grains.Queue(c.Department).Enqueue(new QueueEntry(c.ConversationId, c.CustomerName, c.StartedAt, Front: false));
        }
    }

    /// <summary>Ends the conversation, which is the customer's leaving: the stream closes (OK) once the ended event is
    /// written. A refusal becomes an error event and the customer has not left.</summary>
    private Task EndAsync(ParticipantSession session, string reason) =>
        CommandGuard.RunAsync(session, logger, null, async () =>
        {
            var view = await _conversation.End(arrival.CustomerId, reason);
            session.Post(new EndedInput(view));
            HasLeft = true;
        });

    private void EnsureOwn(string requested)
    {
        if (requested.Length != 0 && requested != _conversationId)
        {
            throw ChatException.NotAParticipant(requested);
        }
    }

    private ServerEvent Welcome(string department) => new()
    {
        Welcome = new Welcome
        {
            CustomerId = arrival.CustomerId,
            ConversationId = _conversationId,
            Department = department,
            SessionToken = tokens.Issue(arrival.CustomerId, _conversationId),
            SendLimit = SendRateLimit.Announced(options),
            StreamId = arrival.StreamId,
        },
    };
}
