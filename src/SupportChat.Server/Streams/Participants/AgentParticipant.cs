using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SupportChat.Grains.Canned;
using SupportChat.Server.Canned;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Streams.Commands;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Participants;

/// <summary>A signed-in agent on its stream. The SignOff command signs off (its conversations go back to their
/// queues, then the stream closes); a stream that ends any other way only disconnects, and the agent has its grace
/// period to come back.</summary>
internal sealed class AgentParticipant(
    AgentProfile profile, AgentHello hello, IChatGrains grains, DepartmentCatalog departments, ChatOptions options, TimeProvider time,
    ILogger logger, CannedRepliesFeed? canned = null) : IParticipant<AgentCommand>
{
    private readonly IAgentGrain _agent = grains.Agent(profile.AgentId);
    private readonly MessageSender _sender = new(new SendRateLimit(options, time), logger);
    private readonly Notices _notices = new(profile.AgentId, time, logger);

    // Whether the agent last chose to be available: kept for a re-sign-in after a node died.
    private volatile bool _available = true;
    private volatile bool _signedIn;

    public string ParticipantId => profile.AgentId;

    public bool EndsWithConversation => false;

    public bool SeesNotes => true;

    public bool BatchEvents => hello.BatchEvents;

    public IReadOnlyDictionary<string, long> Cursors => hello.Cursors;

    public bool HasLeft { get; private set; }

    public async Task StartAsync(ParticipantSession session)
    {
        var snapshot = await _agent.SignIn(profile, session.Observer, [.. hello.Cursors.Keys]);
        if (canned is null)
        {
            session.Post(new PlainInput(Ready(snapshot, [])));
        }
        else
        {
            await canned.EnsureLoadedAsync(CancellationToken.None);
            canned.Join(session, replies => Ready(snapshot, replies));
        }

        _signedIn = true;
        if (hello.Cursors.Count > 0)
        {
            session.Metrics.SessionResumed("Agent"); // a client that had conversations open: it is coming back
        }
        foreach (var conversationId in snapshot.OpenConversations)
        {
            session.Post(new AttachInput(conversationId, null));
        }

        // Conversations the client still shows but that were handed on while it was away (or ended).
        foreach (var (conversationId, lastSeq) in hello.Cursors.Where(c => !snapshot.OpenConversations.Contains(c.Key)))
        {
            session.Post(new PlainInput(EventMapper.NoLongerYours(conversationId, lastSeq)));
        }
    }

    /// <summary>Makes sure the agent grain still knows this stream, before each refresh of its conversations.</summary>
    public async Task BeforeRefreshAsync(ParticipantSession session, CancellationToken token)
    {
        if (!_signedIn)
        {
            return;
        }

        if (await _agent.Reattach(profile, session.Observer, [.. session.OpenConversations], _available) is { } again)
        {
            ServerLog.AgentReattached(logger, profile.AgentId);
            foreach (var conversationId in again.OpenConversations.Where(id => !session.OpenConversations.Contains(id)))
            {
                session.Post(new AttachInput(conversationId, null));
            }
        }
    }

    /// <summary>A run of sends, split into consecutive runs per conversation (order within each is kept).</summary>
    public async Task SendAsync(ParticipantSession session, IReadOnlyList<AgentCommand> run)
    {
        var start = 0;
        while (start < run.Count)
        {
            string conversationId;
            try
            {
                conversationId = AgentConversations.Resolve(session, run[start].Send.ConversationId);
            }
            catch (ChatException ex)
            {
                var send = run[start].Send;
                session.Post(new ErrorInput(ChatErrors.ToStatusCode(ex.Code), ex.Message, send.ClientMsgId, send.ConversationId));
                start++;
                continue;
            }

            var end = start + 1;
            while (end < run.Count && AgentConversations.IsSame(session, run[end].Send.ConversationId, conversationId))
            {
                end++;
            }

            var sends = new List<SendMessage>(end - start);
            for (var i = start; i < end; i++)
            {
                sends.Add(run[i].Send);
            }

            await _sender.SendBatchAsync(session, grains.Conversation(conversationId), conversationId, sends);
            start = end;
        }
    }

    public Task HandleAsync(ParticipantSession session, AgentCommand command)
    {
        var agentId = profile.AgentId;
        return command.CommandCase switch
        {
            AgentCommand.CommandOneofCase.Typing => CommandGuard.RunAsync(session, logger, command.Typing.ConversationId, () =>
            {
                var conversationId = AgentConversations.Resolve(session, command.Typing.ConversationId);
                return _notices.TypingAsync(session, grains.Conversation(conversationId), conversationId);
            }),
            AgentCommand.CommandOneofCase.Read => CommandGuard.RunAsync(session, logger, command.Read.ConversationId, () =>
            {
                var conversationId = AgentConversations.Resolve(session, command.Read.ConversationId);
                return _notices.ReadAsync(session, grains.Conversation(conversationId), conversationId, command.Read.Seq);
            }),
            AgentCommand.CommandOneofCase.End => CommandGuard.RunAsync(session, logger, command.End.ConversationId, async () =>
            {
                var view = await grains.Conversation(AgentConversations.Resolve(session, command.End.ConversationId)).End(agentId, "agent ended the conversation");
                session.Post(new EndedInput(view));
            }),
            AgentCommand.CommandOneofCase.Transfer => AgentNoteCommands.TransferAsync(session, grains, departments, agentId, command.Transfer, logger),
            AgentCommand.CommandOneofCase.Note => AgentNoteCommands.NoteAsync(session, grains, agentId, command.Note, logger),
            AgentCommand.CommandOneofCase.Status => CommandGuard.RunAsync(session, logger, null, async () =>
            {
                var status = command.Status;
                var available = CommandRules.Availability(status.Status);
                var capacity = status.Capacity == 0 ? 0 : CommandRules.Capacity(status.Capacity);
                var snapshot = await _agent.SetStatus(available, capacity);
                _available = snapshot.Available;
                PostReady(session, snapshot);
            }),
            AgentCommand.CommandOneofCase.SignOff => CommandGuard.RunAsync(session, logger, null, () => SignOffAsync(session)),
            AgentCommand.CommandOneofCase.Hello => Report(session, StatusCode.FailedPrecondition, "hello was already received on this stream."),
            _ => Report(session, StatusCode.InvalidArgument, "unknown or empty command."),
        };
    }

    /// <summary>Leaving: the agent's conversations go back to their queues, and the stream closes (OK) once what is
    /// queued for it is written.</summary>
    private async Task SignOffAsync(ParticipantSession session)
    {
        await _agent.SignOff(session.Observer);
        canned?.Leave(session);
        HasLeft = true;
        session.Complete();
    }

    public Task DropAsync(ParticipantSession session)
    {
        canned?.Leave(session);
        return _agent.Disconnected(session.Observer);
    }

    private static Task Report(ParticipantSession session, StatusCode code, string message)
    {
        session.Post(new ErrorInput(code, message));
        return Task.CompletedTask;
    }

    /// <summary>Ready again (a change of status), with the canned replies as they are now.</summary>
    private void PostReady(ParticipantSession session, AgentSnapshot snapshot)
    {
        if (canned is null)
        {
            session.Post(new PlainInput(Ready(snapshot, [])));
        }
        else
        {
            canned.Post(session, replies => Ready(snapshot, replies));
        }
    }

    private ServerEvent Ready(AgentSnapshot snapshot, IReadOnlyList<CannedReplyView> replies)
    {
        var ready = EventMapper.Ready(snapshot);
        ready.Ready.SendLimit = SendRateLimit.Announced(options);
        ready.Ready.ServerDepartments.Add(departments.All);
        ready.Ready.CannedReplies.Add(CannedMapper.ToWire(replies));
        return ready;
    }
}
