using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Metrics;
using SupportChat.Server.Security;
using SupportChat.Server.Streams.Commands;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams;

/// <summary>
/// Runs a participant's stream, agent or customer alike: the first command must be a hello, which the role accepts
/// once the join rate is charged; then the session opens, the participant starts, and the session's writer loop and
/// the command reader run together until the writer is done or the session is stopped. Only a leave command
/// (EndConversation, SignOff) is leaving: however else the stream ends, the participant has dropped.
/// </summary>
internal sealed class ParticipantStreamRunner(
    SessionFactory sessions, JoinLimiter joins, IHostApplicationLifetime lifetime, ILogger<ParticipantStreamRunner> logger)
{
    // After a stop, how long the writer may take to finish a frame it is writing before the call ends without it: a
    // frame that takes longer is held up by the client's flow control, and the status goes out behind it.
    private static readonly TimeSpan WriterGrace = TimeSpan.FromMilliseconds(250);

    // How long such a frame may wait for the client to read again (and get the status) before it is cancelled, which
    // resets the stream: a client that never reads must not hold what the server buffered for it for ever.
    private static readonly TimeSpan StuckWriteLimit = TimeSpan.FromSeconds(30);

    public async Task RunAsync<TCommand>(IParticipantRole<TCommand> role, IAsyncStreamReader<TCommand> requests,
        IServerStreamWriter<ServerEvent> responses, ServerCallContext context)
        where TCommand : class
    {
        var token = context.CancellationToken;
        string? participantId = null;
        try
        {
            var participant = await AcceptAsync(role, requests, context);
            participantId = participant.ParticipantId;
            await RunParticipantAsync(role, participant, requests, responses, token);
        }
        catch (Exception ex) when (token.IsCancellationRequested && IsCallGone(ex))
        {
            // The client cancelled or reset its stream, or its connection went away: nobody is left to tell, and it is
            // not the server's failure (escaping, it would be logged by gRPC with a stack trace, at Error for some).
            ServerLog.StreamGone(logger, role.Name, participantId ?? "(no hello yet)", ex.GetType().Name);
        }
    }

    private async Task<IParticipant<TCommand>> AcceptAsync<TCommand>(IParticipantRole<TCommand> role, IAsyncStreamReader<TCommand> requests,
        ServerCallContext context)
        where TCommand : class
    {
        var hello = await ReadHelloAsync(requests, role, context.CancellationToken);
        try
        {
            joins.Charge(context);
            return await role.AcceptAsync(hello, context);
        }
        catch (Exception ex) when (ChatErrors.IsRefusal(ex))
        {
            throw ChatErrors.ToRpcException(ex);
        }
    }

    private async Task RunParticipantAsync<TCommand>(IParticipantRole<TCommand> role, IParticipant<TCommand> participant,
        IAsyncStreamReader<TCommand> requests, IServerStreamWriter<ServerEvent> responses, CancellationToken token)
        where TCommand : class
    {
        await using var session = sessions.Open(participant, responses);
        ServerLog.StreamOpened(logger, role.Name, participant.ParticipantId);
        session.Metrics.StreamOpened(role.MetricRole, role.Transport);

        // When the server begins to shut down every open stream is closed, so shutdown does not wait on them.
        using var serverStopping = lifetime.ApplicationStopping.Register(() => session.Stop(StreamEnds.ServerStopping));
        try
        {
            using (var span = ChatActivities.Start(role.MetricRole == "Agent" ? "supportchat.sign_in" : "supportchat.join", role.MetricRole,
                participant.ParticipantId))
            {
                try
                {
                    await participant.StartAsync(session);
                }
                catch (Exception ex) when (ChatErrors.IsRefusal(ex))
                {
                    ChatActivities.Failed(span, ex);
                    throw ChatErrors.ToRpcException(ex); // e.g. a resume cursor past the conversation's end
                }
            }

            await RunUntilDoneAsync(session, stop => ReadCommandsAsync(role, participant, session, requests, stop), token);
        }
        finally
        {
            if (!participant.HasLeft)
            {
                // Dropped: the participant may come back within its grace period.
                session.Metrics.SessionDropped(role.MetricRole);
                await DropQuietlyAsync(participant, session);
            }

            session.Metrics.StreamClosed(role.MetricRole, role.Transport);
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

    /// <summary>Hands each command to the participant until it leaves or the stream is stopped. A request stream that
    /// ends without a leave command (a half-close, or a cancel gRPC reports as one) is a drop: the call then ends
    /// with OK once what is queued for the client is written.</summary>
    private static async Task ReadCommandsAsync<TCommand>(IParticipantRole<TCommand> role, IParticipant<TCommand> participant,
        ParticipantSession session, IAsyncStreamReader<TCommand> requests, CancellationToken stop)
        where TCommand : class
    {
        await foreach (var run in CommandBatches.ReadAsync(requests, role.IsSend, MessageSender.MaxBatch, stop))
        {
            if (session.Stopped.IsCompleted)
            {
                return; // e.g. replaced by a newer stream: commands read ahead are not carried out
            }

            using var span = ChatActivities.Start(role.IsSend(run[0]) ? "supportchat.send" : "supportchat.command", role.MetricRole,
                participant.ParticipantId);
            if (role.IsSend(run[0]))
            {
                span?.SetTag("supportchat.send.count", run.Count);
                await participant.SendAsync(session, run);
            }
            else
            {
                await participant.HandleAsync(session, run[0]);
            }

            if (participant.HasLeft)
            {
                return; // nothing after a leave command is read; the session closes the stream
            }
        }

        session.Complete();
    }

    /// <summary>Runs the writer and the command reader together; returns when the writer is done (the participant left,
    /// a customer's conversation ended, or the request stream ended and what was queued is written), and throws the
    /// status of a stop (too slow, replaced, server stopping) or of a failed request stream.</summary>
    private static async Task RunUntilDoneAsync(ParticipantSession session, Func<CancellationToken, Task> readCommands,
        CancellationToken callToken)
    {
        using var stopReading = CancellationTokenSource.CreateLinkedTokenSource(callToken);
        var writer = session.RunAsync(callToken);
        var reader = readCommands(stopReading.Token);
        try
        {
            if (await Task.WhenAny(writer, reader, session.Stopped) == reader && reader.IsFaulted && !session.Stopped.IsCompleted)
            {
                // The request stream failed (e.g. a message over the size limit): the whole call ends with its status.
                var failure = reader.Exception!.InnerException as RpcException ?? MalformedRequests.AsMalformed(reader.Exception!);
                session.Stop(failure?.Status ?? Status.DefaultCancelled);
                await LetWriterFinishAsync(session, writer);
                if (failure is not null)
                {
                    throw failure;
                }

                return; // the connection went away while reading: nobody is left to tell
            }

            await Task.WhenAny(writer, session.Stopped);
            if (session.Stopped.IsCompleted)
            {
                await stopReading.CancelAsync();
                await LetWriterFinishAsync(session, writer);
                throw new RpcException(await session.Stopped);
            }

            await writer;
        }
        finally
        {
            await stopReading.CancelAsync();
            try
            {
                await reader;
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException or InvalidOperationException)
            {
                // The reader stops with the stream; a failure that mattered was rethrown above.
            }
        }
    }

    /// <summary>After a stop the writer starts no new frame; this waits briefly for the one it may be writing. One held up
    /// by the client's flow control is left to finish on its own (the status is queued behind it), and is reset if the
    /// client does not read it in time.</summary>
    private static async Task LetWriterFinishAsync(ParticipantSession session, Task writer)
    {
        if (await Task.WhenAny(writer, Task.Delay(WriterGrace)) != writer)
        {
            session.ResetStuckWriteAfter(StuckWriteLimit);
        }

        // Whatever becomes of it, its failure is not news: the call has its status already.
        _ = writer.ContinueWith(static t => _ = t.Exception, CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    /// <summary>What a stream's code throws when its call went away under it.</summary>
    private static bool IsCallGone(Exception exception) =>
        exception is OperationCanceledException or IOException or InvalidOperationException;

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
