using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using ErrorCode = SupportChat.Domain.ErrorCode;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;

namespace SupportChat.Server.Streams;

/// <summary>The shape both stream kinds share: the first command must be a hello; each later command is
/// handled in turn, and a rejected one becomes an error event while the stream stays open.</summary>
internal static class StreamLoops
{
    public static async Task<T> ReadHelloAsync<T>(IAsyncStreamReader<T> requests, Func<T, bool> isHello, CancellationToken token)
        where T : class
    {
        if (!await requests.MoveNext(token))
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "the stream ended before its hello.");
        }

        if (!isHello(requests.Current))
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "the first command on a stream must be hello.");
        }

        return requests.Current;
    }

    /// <summary>Runs a command, turning an expected failure into an error event for this participant.</summary>
    public static async Task GuardAsync(ParticipantSession session, ILogger logger, string? clientMsgId, string? conversationId, Func<Task> command)
    {
        try
        {
            await command();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!ChatErrors.TryDescribe(ex, out var code, out var message))
            {
                ServerLog.CommandFailed(logger, ex, session.ParticipantId);
            }

            session.Post(new PlainInput(ChatErrors.ToEvent(code, message, clientMsgId, conversationId)));
        }
    }

    /// <summary>Largest run of sends handed to a conversation in one call.</summary>
    public const int MaxSendBatch = 256;

    /// <summary>
    /// Sends a run of one participant's messages to one conversation in one call; every send is answered on its own:
    /// an ack once durable (in seq order with the conversation's messages), or an error naming its client_msg_id.
    /// </summary>
    public static async Task SendBatchAsync(ParticipantSession session, ILogger logger, IConversationGrain conversation, string conversationId,
        IReadOnlyList<SendMessage> sends)
    {
        var accepted = new List<OutgoingText>(sends.Count);
        foreach (var send in sends)
        {
            try
            {
                session.ChargeSend();
                accepted.Add(new OutgoingText(CommandRules.ClientMsgId(send.ClientMsgId), CommandRules.Text(send.Text)));
            }
            catch (Exception ex) when (ChatErrors.TryDescribe(ex, out var code, out var message))
            {
                session.Post(new PlainInput(ChatErrors.ToEvent(code, message, send.ClientMsgId, conversationId)));
            }
        }

        if (accepted.Count == 0)
        {
            return;
        }

        try
        {
            var outcomes = await conversation.SendBatch(session.ParticipantId, accepted);
            var receipts = new List<SendReceipt>(outcomes.Count);
            foreach (var outcome in outcomes)
            {
                if (outcome.Receipt is { } receipt)
                {
                    receipts.Add(receipt);
                }
                else
                {
                    var code = outcome.Error is { } error ? ChatErrors.ToStatusCode(error) : StatusCode.Internal;
                    session.Post(new PlainInput(ChatErrors.ToEvent(code, outcome.ErrorMessage ?? string.Empty, outcome.ClientMsgId, conversationId)));
                }
            }

            if (receipts.Count > 0)
            {
                session.Post(new AcksInput(receipts[0].ConversationId, receipts));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!ChatErrors.TryDescribe(ex, out var code, out var message))
            {
                ServerLog.CommandFailed(logger, ex, session.ParticipantId);
            }

            foreach (var send in accepted)
            {
                session.Post(new PlainInput(ChatErrors.ToEvent(code, message, send.ClientMsgId, conversationId)));
            }
        }
    }

    /// <summary>Runs the writer and the command reader together; returns when the writer is done (the
    /// participant left, or a customer's conversation ended), stopping the reader. The reader says when
    /// the writer may finish, since only it knows what leaving means for its participant.</summary>
    public static async Task RunAsync(ParticipantSession session, Func<CancellationToken, Task> readCommands, CancellationToken callToken,
        CancellationToken serverStopping)
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
}
