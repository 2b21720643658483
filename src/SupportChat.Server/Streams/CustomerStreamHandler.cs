using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Grains;
using ErrorCode = SupportChat.Domain.ErrorCode;
using SupportChat.Domain.Validation;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Conversations;
using SupportChat.Grains.Queues;
using SupportChat.Protocol.V1;
using SupportChat.Server.Hosting;
using SupportChat.Server.Mapping;

namespace SupportChat.Server.Streams;

/// <summary>A customer's stream: join a department, chat in one conversation, and close when it ends.</summary>
internal sealed class CustomerStreamHandler(
    IGrainFactory grains, SessionFactory sessions, DepartmentCatalog departments, TimeProvider time, ILogger<CustomerStreamHandler> logger)
{
    public async Task RunAsync(IAsyncStreamReader<CustomerCommand> requests, IServerStreamWriter<ServerEvent> responses, ServerCallContext context)
    {
        var token = context.CancellationToken;
        var hello = (await StreamLoops.ReadHelloAsync(requests, c => c.CommandCase == CustomerCommand.CommandOneofCase.Hello, token)).Hello;
        if (hello.Resume is not null)
        {
            ChatErrors.Throw(StatusCode.FailedPrecondition, "this server does not resume customer sessions; join without resume.");
        }

        string name, department;
        try
        {
            name = InputValidator.Name(hello.Name);
            department = departments.Resolve(hello.Department);
        }
        catch (ChatException ex)
        {
            throw ChatErrors.ToRpcException(ex);
        }

        var customerId = Ids.NewCustomerId();
        var conversationId = Ids.NewConversationId();
        var conversation = grains.GetGrain<IConversationGrain>(conversationId);
        await using var session = sessions.Open(customerId, endsWithConversation: true, responses);
        ServerLog.StreamOpened(logger, "Customer", customerId);
        var ended = false;
        try
        {
            await conversation.Open(customerId, name, department);
            session.Track(conversationId, 0);
            await conversation.Subscribe(customerId, session.Observer, 0);
            session.Post(new PlainInput(new ServerEvent
            {
                Welcome = new Welcome { CustomerId = customerId, ConversationId = conversationId, Department = department, SessionToken = Ids.NewToken() },
            }));
            await grains.GetGrain<IDepartmentQueueGrain>(department)
                .Enqueue(new QueueEntry(conversationId, name, time.GetUtcNow(), Front: false));

            await StreamLoops.RunAsync(session, async stop =>
            {
                await foreach (var command in requests.ReadAllAsync(stop))
                {
                    ended |= await HandleAsync(command, session, conversation, conversationId);
                }

                // The customer closed its side: leaving ends the conversation.
                ended |= await EndAsync(session, conversation, "customer left");
            }, token, sessions.ServerStopping);
        }
        finally
        {
            if (!ended)
            {
                await EndQuietlyAsync(conversation, customerId);
            }

            ServerLog.StreamClosed(logger, "Customer", customerId);
        }
    }

    /// <summary>Handles one command; true once the conversation has been ended by it.</summary>
    private async Task<bool> HandleAsync(CustomerCommand command, ParticipantSession session, IConversationGrain conversation, string conversationId)
    {
        var customerId = session.ParticipantId;
        switch (command.CommandCase)
        {
            case CustomerCommand.CommandOneofCase.Send:
                var send = command.Send;
                await StreamLoops.GuardAsync(session, logger, send.ClientMsgId, send.ConversationId, async () =>
                {
                    EnsureOwn(send.ConversationId, conversationId);
                    var receipt = await conversation.Send(customerId, send.ClientMsgId, send.Text);
                    session.Post(new SequencedInput(receipt.ConversationId, receipt.Seq, EventMapper.Ack(receipt)));
                });
                return false;
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
                    $"you are not a participant of conversation {other}.", conversationId: other)));
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
            throw ChatException.PermissionDenied($"you are not a participant of conversation {requested}.");
        }
    }

    private async Task EndQuietlyAsync(IConversationGrain conversation, string customerId)
    {
        try
        {
            await conversation.End(customerId, "customer disconnected");
        }
        catch (Exception ex) when (ErrorCodes.Of(ex) is ErrorCode.FailedPrecondition or ErrorCode.NotFound)
        {
            // Already ended, or never opened.
        }
        catch (Exception ex)
        {
            ServerLog.CleanupFailed(logger, ex, customerId);
        }
    }
}
