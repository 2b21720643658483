using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Grains;
using ErrorCode = SupportChat.Domain.ErrorCode;
using SupportChat.Domain.Conversations;
using SupportChat.Protocol.Rules;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Security;

namespace SupportChat.Server.Streams;

/// <summary>
/// A customer's stream: join a department (or resume an earlier conversation with its session token), chat in
/// one conversation, and close when it ends. A dropped stream does not end the conversation: the customer has
/// the grace period to come back.
/// </summary>
internal sealed class CustomerStreamHandler(
    IGrainFactory grains, SessionFactory sessions, DepartmentCatalog departments, SessionTokens tokens, JoinLimiter joins,
    TimeProvider time, ILogger<CustomerStreamHandler> logger)
{
    public async Task RunAsync(IAsyncStreamReader<CustomerCommand> requests, IServerStreamWriter<ServerEvent> responses, ServerCallContext context)
    {
        var token = context.CancellationToken;
        var hello = (await StreamLoops.ReadHelloAsync(requests, c => c.CommandCase == CustomerCommand.CommandOneofCase.Hello, token)).Hello;
        Arrival arrival;
        try
        {
            joins.Charge(context);
            arrival = hello.Resume is { } resume ? Returning(resume) : Joining(hello);
        }
        catch (Exception ex) when (ChatErrors.IsRefusal(ex))
        {
            throw ChatErrors.ToRpcException(ex);
        }

        var (customerId, conversationId) = (arrival.CustomerId, arrival.ConversationId);
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        var cursors = new Dictionary<string, long> { [conversationId] = arrival.LastSeq };
        await using var session = sessions.Open(customerId, endsWithConversation: true, responses, hello.BatchEvents, cursors);
        ServerLog.StreamOpened(logger, "Customer", customerId);
        var left = false;
        try
        {
            try
            {
                await (arrival.IsNew ? JoinAsync(session, conversation, arrival) : ResumeAsync(session, conversation, arrival));
            }
            catch (ChatException ex)
            {
                throw ChatErrors.ToRpcException(ex);
            }

            await StreamLoops.RunAsync(session, async stop =>
            {
                await foreach (var run in CommandBatches.ReadAsync(requests, IsSend, StreamLoops.MaxSendBatch, stop))
                {
                    if (IsSend(run[0]))
                    {
                        await SendAsync(run, session, conversation, conversationId);
                    }
                    else
                    {
                        left |= await HandleAsync(run[0], session, conversation, conversationId);
                    }
                }

                // The customer closed its side on purpose: leaving ends the conversation.
                left |= await EndAsync(session, conversation, "customer left");
            }, token, sessions.ServerStopping);
        }
        finally
        {
            if (!left)
            {
                // The connection dropped (or the server is stopping): the customer may come back to resume.
                await DisconnectQuietlyAsync(conversation, session);
            }

            ServerLog.StreamClosed(logger, "Customer", customerId);
        }
    }

    private Arrival Joining(CustomerHello hello) => new(
        Ids.NewCustomerId(), Ids.NewConversationId(), CommandRules.Name(hello.Name), departments.Resolve(hello.Department), 0, IsNew: true);

    private Arrival Returning(ResumeSession resume)
    {
        var problem = resume.CustomerId.Length == 0 || resume.ConversationId.Length == 0
            ? "the customer id and conversation id are required"
            : tokens.Check(resume.CustomerId, resume.ConversationId, resume.SessionToken);
        if (problem is not null)
        {
            throw ChatException.Unauthenticated($"this session cannot be resumed: {problem}. Join again without resume.");
        }

        if (resume.LastSeq < 0)
        {
            throw ChatException.InvalidArgument("last_seq must not be negative.");
        }

        return new Arrival(resume.CustomerId, resume.ConversationId, string.Empty, string.Empty, resume.LastSeq, IsNew: false);
    }

    private async Task JoinAsync(ParticipantSession session, IConversationGrain conversation, Arrival arrival)
    {
        await conversation.Open(arrival.CustomerId, arrival.Name, arrival.Department);
        session.Track(arrival.ConversationId, 0);
        await conversation.Subscribe(arrival.CustomerId, session.Observer, 0);
        session.Post(new PlainInput(Welcome(arrival.CustomerId, arrival.ConversationId, arrival.Department)));
        await grains.GetGrain<IDepartmentQueueGrain>(arrival.Department)
            .Enqueue(new QueueEntry(arrival.ConversationId, arrival.Name, time.GetUtcNow(), Front: false));
    }

    /// <summary>Same customer, same conversation: replay what the client has not seen, then go live.</summary>
    private async Task ResumeAsync(ParticipantSession session, IConversationGrain conversation, Arrival arrival)
    {
        var result = await conversation.Subscribe(arrival.CustomerId, session.Observer, arrival.LastSeq);
        var c = result.Conversation;
        session.Track(arrival.ConversationId, arrival.LastSeq);
        session.Post(new PlainInput(Welcome(arrival.CustomerId, arrival.ConversationId, c.Department)));
        session.Post(new ResumedInput(result));
        if (c.Status == ConversationStatus.Queued)
        {
            // Tells the customer its place again (and puts it back in line if the server restarted).
            await grains.GetGrain<IDepartmentQueueGrain>(c.Department)
                .Enqueue(new QueueEntry(c.ConversationId, c.CustomerName, c.StartedAt, Front: false));
        }
    }

    private ServerEvent Welcome(string customerId, string conversationId, string department) => new()
    {
        Welcome = new Welcome
        {
            CustomerId = customerId,
            ConversationId = conversationId,
            Department = department,
            SessionToken = tokens.Issue(customerId, conversationId),
            SendLimit = sessions.SendLimit,
        },
    };

    private static bool IsSend(CustomerCommand command) => command.CommandCase == CustomerCommand.CommandOneofCase.Send;

    /// <summary>A run of sends: those naming another conversation are refused, the rest go to the conversation together.</summary>
    private async Task SendAsync(IReadOnlyList<CustomerCommand> run, ParticipantSession session, IConversationGrain conversation, string conversationId)
    {
        var own = new List<SendMessage>(run.Count);
        foreach (var command in run)
        {
            var send = command.Send;
            if (send.ConversationId.Length != 0 && send.ConversationId != conversationId)
            {
                session.Post(new PlainInput(ChatErrors.ToEvent(StatusCode.PermissionDenied,
                    ChatException.NotAParticipantMessage(send.ConversationId), send.ClientMsgId, send.ConversationId)));
            }
            else
            {
                own.Add(send);
            }
        }

        if (own.Count > 0)
        {
            await StreamLoops.SendBatchAsync(session, logger, conversation, conversationId, own);
        }
    }

    /// <summary>Handles one command; true once the conversation has been ended by it.</summary>
    private async Task<bool> HandleAsync(CustomerCommand command, ParticipantSession session, IConversationGrain conversation, string conversationId)
    {
        var customerId = session.ParticipantId;
        switch (command.CommandCase)
        {
            case CustomerCommand.CommandOneofCase.Typing:
                await StreamLoops.GuardAsync(session, logger, null, command.Typing.ConversationId, () =>
                {
                    EnsureOwn(command.Typing.ConversationId, conversationId);
                    return conversation.Signal(customerId, SignalKind.Typing, 0);
                });
                return false;
            case CustomerCommand.CommandOneofCase.Read:
                await StreamLoops.GuardAsync(session, logger, null, command.Read.ConversationId, () =>
                {
                    EnsureOwn(command.Read.ConversationId, conversationId);
                    return conversation.Signal(customerId, SignalKind.Read, command.Read.Seq);
                });
                return false;
            case CustomerCommand.CommandOneofCase.End when command.End.ConversationId is { Length: > 0 } other && other != conversationId:
                session.Post(new PlainInput(ChatErrors.ToEvent(StatusCode.PermissionDenied,
                    ChatException.NotAParticipantMessage(other), conversationId: other)));
                return false;
            case CustomerCommand.CommandOneofCase.End:
                return await EndAsync(session, conversation, "customer ended the conversation");
            case CustomerCommand.CommandOneofCase.Hello:
                session.Post(new PlainInput(ChatErrors.ToEvent(StatusCode.FailedPrecondition, "hello was already received on this stream.")));
                return false;
            default:
                session.Post(new PlainInput(ChatErrors.ToEvent(StatusCode.InvalidArgument, "unknown or empty command.")));
                return false;
        }
    }

    private async Task<bool> EndAsync(ParticipantSession session, IConversationGrain conversation, string reason)
    {
        var ended = false;
        await StreamLoops.GuardAsync(session, logger, null, null, async () =>
        {
            var view = await conversation.End(session.ParticipantId, reason);
            session.Post(new EndedInput(view));
            ended = true;
        });
        return ended;
    }

    private static void EnsureOwn(string requested, string own)
    {
        if (requested.Length != 0 && requested != own)
        {
            throw ChatException.NotAParticipant(requested);
        }
    }

    private async Task DisconnectQuietlyAsync(IConversationGrain conversation, ParticipantSession session)
    {
        try
        {
            await conversation.CustomerDisconnected(session.Observer);
        }
        catch (Exception ex)
        {
            ServerLog.CleanupFailed(logger, ex, session.ParticipantId);
        }
    }

    /// <summary>Who is on the stream: a new customer, or one coming back to its conversation.</summary>
    private sealed record Arrival(string CustomerId, string ConversationId, string Name, string Department, long LastSeq, bool IsNew);
}
