using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Security;
using SupportChat.Server.Streams.Commands;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams;

/// <summary>
/// Runs a participant's stream, agent or customer alike: the first command must be a hello, which the role accepts
/// once the join rate is charged; then the session opens, the participant starts, and the session's writer loop and
/// the command reader run together until the writer is done. A participant that did not leave has dropped.
/// </summary>
internal sealed class ParticipantStreamRunner(
    SessionFactory sessions, JoinLimiter joins, IHostApplicationLifetime lifetime, ILogger<ParticipantStreamRunner> logger)
{
    public async Task RunAsync<TCommand>(IParticipantRole<TCommand> role, IAsyncStreamReader<TCommand> requests,
        IServerStreamWriter<ServerEvent> responses, ServerCallContext context)
        where TCommand : class
    {
        var token = context.CancellationToken;
        var hello = await ReadHelloAsync(requests, role, token);
        IParticipant<TCommand> participant;
        try
        {
            joins.Charge(context);
            participant = await role.AcceptAsync(hello, context);
        }
        catch (Exception ex) when (ChatErrors.IsRefusal(ex))
        {
            throw ChatErrors.ToRpcException(ex);
        }

        // Cancelled when the server begins to shut down: every open stream is closed so shutdown does not wait on them.
        var serverStopping = lifetime.ApplicationStopping;
        await using var session = sessions.Open(participant, responses);
        ServerLog.StreamOpened(logger, role.Name, participant.ParticipantId);
        try
        {
            await participant.StartAsync(session);
            await RunUntilWriterDoneAsync(session, async stop =>
            {
                await foreach (var run in CommandBatches.ReadAsync(requests, role.IsSend, MessageSender.MaxBatch, stop))
                {
                    if (role.IsSend(run[0]))
                    {
                        await participant.SendAsync(session, run);
                    }
                    else
                    {
                        await participant.HandleAsync(session, run[0]);
                    }
                }

                // The client closed its side on purpose.
                await participant.LeaveAsync(session);
            }, token, serverStopping);
        }
        finally
        {
            if (!participant.HasLeft)
            {
                // The connection dropped (or the server is stopping): the participant may come back within its grace period.
                await DropQuietlyAsync(participant, session);
            }

            ServerLog.StreamClosed(logger, role.Name, participant.ParticipantId);
        }
    }

    private static async Task<TCommand> ReadHelloAsync<TCommand>(IAsyncStreamReader<TCommand> requests, IParticipantRole<TCommand> role,
        CancellationToken token)
        where TCommand : class
    {
        if (!await requests.MoveNext(token))
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "the stream ended before its hello.");
        }

        if (!role.IsHello(requests.Current))
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "the first command on a stream must be hello.");
        }

        return requests.Current;
    }

    /// <summary>Runs the writer and the command reader together; returns when the writer is done (the
    /// participant left, or a customer's conversation ended), stopping the reader. The reader says when
    /// the writer may finish, since only it knows what leaving means for its participant.</summary>
    private static async Task RunUntilWriterDoneAsync(ParticipantSession session, Func<CancellationToken, Task> readCommands,
        CancellationToken callToken, CancellationToken serverStopping)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(callToken, serverStopping);
        var writer = session.RunAsync(stop.Token);
        var reader = readCommands(stop.Token);
        try
        {
            if (await Task.WhenAny(writer, reader) == reader && reader.IsFaulted && !stop.IsCancellationRequested)
            {
                // The request stream failed (e.g. a message over the size limit): the whole call ends with its status.
                await stop.CancelAsync();
                await writer.ContinueWith(static _ => { }, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
                if (reader.Exception?.InnerException is RpcException failure)
                {
                    throw failure;
                }

                if (MalformedRequests.AsMalformed(reader.Exception!) is { } malformed)
                {
                    throw malformed;
                }

                return; // the connection went away while reading: nobody is left to tell
            }

            await writer;
        }
        catch (OperationCanceledException) when (session.TooSlow.IsCancellationRequested)
        {
            ChatErrors.Throw(StatusCode.Unavailable, "the client did not read its events in time; reconnect to resume.");
        }
        catch (OperationCanceledException) when (serverStopping.IsCancellationRequested && !callToken.IsCancellationRequested)
        {
            ChatErrors.Throw(StatusCode.Unavailable, "the server is shutting down.");
        }
        finally
        {
            await stop.CancelAsync();
            try
            {
                await reader;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException)
            {
                // The reader stops with the stream; a failure that mattered was rethrown above.
            }
        }
    }

    private async Task DropQuietlyAsync<TCommand>(IParticipant<TCommand> participant, ParticipantSession session)
        where TCommand : class
    {
        try
        {
            await participant.DropAsync(session);
        }
        catch (Exception ex)
        {
            ServerLog.CleanupFailed(logger, ex, participant.ParticipantId);
        }
    }
}
