using System.Collections.Concurrent;
using System.Security.Cryptography;
using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Mapping;
using SupportChat.Server.Security;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Browser;

/// <summary>
/// This node's BrowserCustomer.Events streams by stream id, and the way a browser's unary call reaches one: the call's
/// BrowserSession must carry the token of that stream's customer and conversation (checked like a resume's), and the
/// call's command is handed to that stream's command loop. A closed stream is remembered for a while with how it ended,
/// so that a call naming it hears why: ABORTED (replaced by a newer stream: do not reopen), FAILED_PRECONDITION (its
/// conversation ended), UNAVAILABLE (dropped or unknown: reopen Events with a resume and retry).
/// </summary>
internal sealed class BrowserStreams(SessionTokens tokens, TimeProvider time)
{
    // Long enough for a browser to hear why its stream went (a tab asleep for a while); short enough to stay small.
    private static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly ConcurrentDictionary<string, Entry> _streams = new(StringComparer.Ordinal);
    private long _lastSweep = time.GetTimestamp();

    /// <summary>Streams open or remembered (for tests and diagnostics).</summary>
    public int Count => _streams.Count;

    /// <summary>Runs one Events call: <paramref name="run"/> takes the stream through the participant stream runner; when
    /// it is over, calls naming it get the status that says how it ended.</summary>
    public async Task RunAsync(BrowserHello request, Func<BrowserStream, Task> run, CancellationToken callToken)
    {
        var stream = new BrowserStream(NewStreamId(), new CustomerCommand { Hello = request.Hello ?? new CustomerHello() });
        var end = NotOpen(stream.Id);
        try
        {
            await run(stream);

            // Ending normally with the call still there: the customer's conversation ended (left, or ended by others).
            if (!callToken.IsCancellationRequested)
            {
                end = new Status(StatusCode.FailedPrecondition, $"conversation {stream.ConversationId} has ended.");
            }
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Aborted)
        {
            end = StreamEnds.Replaced;
            throw;
        }
        finally
        {
            stream.Close(end);
            if (_streams.TryGetValue(stream.Id, out var entry))
            {
                entry.Close(time.GetTimestamp());
            }
        }
    }

    public void Add(BrowserStream stream)
    {
        SweepNowAndThen();
        _streams[stream.Id] = new Entry(stream);
    }

    /// <summary>Carries out a browser call's command on the stream its session names, and returns its reply; throws
    /// the status the call ends with otherwise.</summary>
    public async Task<TReply> CarryOutAsync<TReply>(BrowserSession? session, CustomerCommand command, CancellationToken callToken)
        where TReply : class
    {
        var stream = Find(session);
        var call = new BrowserCall(command);
        stream.Enqueue(call);

        // A call cancelled by its client stops waiting; its command, once handed over, is carried out all the same (as a
        // command written to a bidi stream is), which is why a send is retried with the same client_msg_id.
        var answer = await call.Answer.WaitAsync(callToken);
        if (answer.Refusal is { } refusal)
        {
            throw new RpcException(refusal);
        }

        return (TReply)answer.Reply!;
    }

    /// <summary>The stream the session names, if the session's customer and token are that stream's.</summary>
    private BrowserStream Find(BrowserSession? session)
    {
        if (session is null || session.StreamId.Length == 0)
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "session.stream_id is required: the stream_id of your Events stream's Welcome.");
        }

        if (session.CustomerId.Length == 0 || session.SessionToken.Length == 0)
        {
            ChatErrors.Throw(StatusCode.Unauthenticated, "this session is not valid: the customer id and session token are required.");
        }

        if (!_streams.TryGetValue(session.StreamId, out var entry))
        {
            // Unknown here: closed and forgotten, never opened, or opened on another node. No token can be checked without
            // the stream's conversation; reopening Events with a resume checks it.
            throw new RpcException(NotOpen(session.StreamId));
        }

        var stream = entry.Stream;
        var problem = session.CustomerId != stream.CustomerId
            ? "the session token does not match this customer and conversation"
            : tokens.Check(session.CustomerId, stream.ConversationId, session.SessionToken);
        if (problem is not null)
        {
            ChatErrors.Throw(StatusCode.Unauthenticated, $"this session is not valid: {problem}.");
        }

        return stream;
    }

    private static Status NotOpen(string streamId) => new(StatusCode.Unavailable,
        $"stream {streamId} is not open: open Events again with a resume, then retry with the same client_msg_id.");

    private static string NewStreamId() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    private void SweepNowAndThen()
    {
        var now = time.GetTimestamp();
        var last = Interlocked.Read(ref _lastSweep);
        if (time.GetElapsedTime(last, now) < SweepInterval || Interlocked.CompareExchange(ref _lastSweep, now, last) != last)
        {
            return;
        }

        foreach (var (id, entry) in _streams)
        {
            if (entry.ClosedAt is not 0 and var closedAt && time.GetElapsedTime(closedAt, now) > Remembered)
            {
                _streams.TryRemove(id, out _);
            }
        }
    }

    private sealed class Entry(BrowserStream stream)
    {
        public BrowserStream Stream => stream;

        private long _closedAt;

        /// <summary>When the stream closed (a timestamp), or 0 while it is open.</summary>
        public long ClosedAt => Volatile.Read(ref _closedAt);

        public void Close(long at) => Volatile.Write(ref _closedAt, Math.Max(at, 1));
    }
}
