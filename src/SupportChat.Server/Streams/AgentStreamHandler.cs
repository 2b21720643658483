using Grpc.Core;
using Microsoft.Extensions.Options;
using SupportChat.Domain;
using SupportChat.Protocol.Rules;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Security;

namespace SupportChat.Server.Streams;

/// <summary>An agent's stream: sign in, receive conversations, chat in several at once, sign off.</summary>
internal sealed class AgentStreamHandler(
    IGrainFactory grains, SessionFactory sessions, DepartmentCatalog departments, AgentAuthenticator authenticator, JoinLimiter joins, ILogger<AgentStreamHandler> logger)
{
    public async Task RunAsync(IAsyncStreamReader<AgentCommand> requests, IServerStreamWriter<ServerEvent> responses, ServerCallContext context)
    {
        var token = context.CancellationToken;
        var hello = (await StreamLoops.ReadHelloAsync(requests, c => c.CommandCase == AgentCommand.CommandOneofCase.Hello, token)).Hello;
        AgentProfile profile;
        try
        {
            joins.Charge(context);
            CommandRules.Cursors(hello.Cursors);
            profile = await authenticator.AuthenticateAsync(hello, context);
        }
        catch (Exception ex) when (ChatErrors.IsRefusal(ex))
        {
            throw ChatErrors.ToRpcException(ex);
        }

        var agent = grains.GetGrain<IAgentGrain>(profile.AgentId);
        await using var session = sessions.Open(profile.AgentId, endsWithConversation: false, responses, hello.BatchEvents, hello.Cursors);
        ServerLog.StreamOpened(logger, "Agent", profile.AgentId);
        var signedOff = false;
        try
        {
            var snapshot = await agent.SignIn(profile, session.Observer, [.. hello.Cursors.Keys]);
            session.Post(new PlainInput(Ready(snapshot)));
            session.Reattach = async _ =>
            {
                if (await agent.Reattach(profile, session.Observer, [.. session.OpenConversations], session.Available) is { } again)
                {
                    ServerLog.AgentReattached(logger, profile.AgentId);
                    foreach (var conversationId in again.OpenConversations.Where(id => !session.OpenConversations.Contains(id)))
                    {
                        session.Post(new AttachInput(conversationId, null));
                    }
                }
            };
            foreach (var conversationId in snapshot.OpenConversations)
            {
                session.Post(new AttachInput(conversationId, null));
            }

            // Conversations the client still shows but that were handed on while it was away (or ended).
            foreach (var (conversationId, lastSeq) in hello.Cursors.Where(c => !snapshot.OpenConversations.Contains(c.Key)))
            {
                session.Post(new PlainInput(EventMapper.Ended(new EndedView(conversationId, Domain.Conversations.EndedBy.System,
                    "this conversation is no longer yours: it ended or went to another agent while you were away.", lastSeq))));
            }

            await StreamLoops.RunAsync(session, async stop =>
            {
                await foreach (var run in CommandBatches.ReadAsync(requests, IsSend, StreamLoops.MaxSendBatch, stop))
                {
                    if (IsSend(run[0]))
                    {
                        await SendAsync(run, session);
                    }
                    else
                    {
                        await HandleAsync(run[0], session, agent);
                    }
                }

                // The agent closed its side: signing off hands its conversations back to the queue.
                await agent.SignOff(session.Observer);
                signedOff = true;
                session.Complete();
            }, token, sessions.ServerStopping);
        }
        finally
        {
            if (!signedOff)
            {
                // The connection dropped (or the server is stopping): the agent may come back within its grace period.
                await DisconnectQuietlyAsync(agent, session);
            }

            ServerLog.StreamClosed(logger, "Agent", profile.AgentId);
        }
    }

    private static bool IsSend(AgentCommand command) => command.CommandCase == AgentCommand.CommandOneofCase.Send;

    /// <summary>A run of sends, split into consecutive runs per conversation (order within each is kept).</summary>
    private async Task SendAsync(IReadOnlyList<AgentCommand> run, ParticipantSession session)
    {
        var start = 0;
        while (start < run.Count)
        {
            string conversationId;
            try
            {
                conversationId = ResolveConversation(session, run[start].Send.ConversationId);
            }
            catch (ChatException ex)
            {
                var send = run[start].Send;
                session.Post(new PlainInput(ChatErrors.ToEvent(ChatErrors.ToStatusCode(ex.Code), ex.Message, send.ClientMsgId, send.ConversationId)));
                start++;
                continue;
            }

            var end = start + 1;
            while (end < run.Count && SameConversation(session, run[end].Send.ConversationId, conversationId))
            {
                end++;
            }

            var sends = new List<SendMessage>(end - start);
            for (var i = start; i < end; i++)
            {
                sends.Add(run[i].Send);
            }

            await StreamLoops.SendBatchAsync(session, logger, Conversation(conversationId), conversationId, sends);
            start = end;
        }
    }

    private static bool SameConversation(ParticipantSession session, string requested, string conversationId)
    {
        if (requested.Length != 0)
        {
            return requested == conversationId;
        }

        try
        {
            return ResolveConversation(session, requested) == conversationId;
        }
        catch (ChatException)
        {
            return false;
        }
    }

    private Task HandleAsync(AgentCommand command, ParticipantSession session, IAgentGrain agent)
    {
        var agentId = session.ParticipantId;
        return command.CommandCase switch
        {
            AgentCommand.CommandOneofCase.Typing => StreamLoops.GuardAsync(session, logger, null, command.Typing.ConversationId, () =>
                Conversation(ResolveConversation(session, command.Typing.ConversationId)).Signal(agentId, SignalKind.Typing, 0)),
            AgentCommand.CommandOneofCase.Read => StreamLoops.GuardAsync(session, logger, null, command.Read.ConversationId, () =>
                Conversation(ResolveConversation(session, command.Read.ConversationId)).Signal(agentId, SignalKind.Read, command.Read.Seq)),
            AgentCommand.CommandOneofCase.End => StreamLoops.GuardAsync(session, logger, null, command.End.ConversationId, async () =>
            {
                var view = await Conversation(ResolveConversation(session, command.End.ConversationId)).End(agentId, "agent ended the conversation");
                session.Post(new EndedInput(view));
            }),
            AgentCommand.CommandOneofCase.Transfer => StreamLoops.GuardAsync(session, logger, null, command.Transfer.ConversationId, () =>
            {
                var conversationId = ResolveConversation(session, command.Transfer.ConversationId);
                return Conversation(conversationId).Transfer(agentId, departments.Resolve(command.Transfer.Department));
            }),
            AgentCommand.CommandOneofCase.Status => StreamLoops.GuardAsync(session, logger, null, null, async () =>
            {
                var status = command.Status;
                if (status.Status == AgentStatus.Unspecified)
                {
                    throw ChatException.InvalidArgument("status must be available or away.");
                }

                var capacity = status.Capacity == 0 ? 0 : CommandRules.Capacity(status.Capacity);
                var snapshot = await agent.SetStatus(status.Status == AgentStatus.Available, capacity);
                session.Available = snapshot.Available;
                session.Post(new PlainInput(Ready(snapshot)));
            }),
            AgentCommand.CommandOneofCase.Hello => Report(session, StatusCode.FailedPrecondition, "hello was already received on this stream."),
            _ => Report(session, StatusCode.InvalidArgument, "unknown or empty command."),
        };
    }

    /// <summary>The named conversation if the agent is in it, or its only open one when none is named.</summary>
    private static string ResolveConversation(ParticipantSession session, string requested)
    {
        var open = session.OpenConversations.ToList();
        if (requested.Length != 0)
        {
            if (!CommandRules.IsConversationId(requested))
            {
                throw ChatException.NotAParticipant(requested);
            }

            if (session.HasEnded(requested) && !open.Contains(requested))
            {
                throw ChatException.FailedPrecondition($"conversation {requested} has ended or is no longer yours.");
            }

            // The conversation grain decides who takes part: an assignment may reach the grain before
            // this stream has heard of it.
            return requested;
        }

        return open.Count switch
        {
            1 => open[0],
            0 => throw ChatException.FailedPrecondition("you have no open conversation."),
            _ => throw ChatException.InvalidArgument(
                $"you have {open.Count} open conversations ({string.Join(", ", open.Order())}); name the conversation."),
        };
    }

    private IConversationGrain Conversation(string conversationId) => grains.GetGrain<IConversationGrain>(conversationId);

    private static Task Report(ParticipantSession session, StatusCode code, string message)
    {
        session.Post(new PlainInput(ChatErrors.ToEvent(code, message)));
        return Task.CompletedTask;
    }

    private ServerEvent Ready(AgentSnapshot snapshot)
    {
        var ready = EventMapper.Ready(snapshot);
        ready.Ready.SendLimit = sessions.SendLimit;
        ready.Ready.ServerDepartments.Add(departments.All);
        return ready;
    }

    private async Task DisconnectQuietlyAsync(IAgentGrain agent, ParticipantSession session)
    {
        try
        {
            await agent.Disconnected(session.Observer);
        }
        catch (Exception ex)
        {
            ServerLog.CleanupFailed(logger, ex, session.ParticipantId);
        }
    }
}
