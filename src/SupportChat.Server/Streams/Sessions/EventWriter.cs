using Grpc.Core;
using SupportChat.Protocol.V1;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>
/// Writes one stream's events for its single writer loop so that a burst costs one flush: events go out unflushed
/// while more keep coming and the last of a burst is written with a flush (<see cref="EndBurstAsync"/>). A client that
/// takes batches (batch_events in its hello) gets a burst's events packed into as few frames as possible, which
/// saves the per-frame cost of HTTP/2 and gRPC on both ends; the order of events is the same either way.
/// </summary>
internal sealed class EventWriter(IServerStreamWriter<ServerEvent> writer, bool batches)
{
    // Bounds how many frames may wait unflushed while the inbox keeps refilling.
    private const int MaxUnflushed = 256;

    // 64 events of the largest allowed message (4,000 characters) stay under 1 MiB per frame.
    public const int MaxBatchEvents = 64;

    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);
    private readonly List<ServerEvent> _pending = new(MaxBatchEvents);
    private int _unflushed;
    private volatile bool _closed;

    /// <summary>No frame is started from now on (a write already started goes on): the stream is being ended with a
    /// status, and the call may end while a write that the client's flow control holds up is still pending.</summary>
    public void Close() => _closed = true;

    /// <summary>Queues an event. A full frame is written, unflushed, only when another event comes: the last of a
    /// burst always stays queued for the flush.</summary>
    public async Task WriteAsync(ServerEvent e, CancellationToken token)
    {
        if (_pending.Count == (batches ? MaxBatchEvents : 1))
        {
            await WriteFrameAsync(flush: false, token);
        }

        _pending.Add(e);
    }

    /// <summary>The inbox is empty: writes what is queued and flushes.</summary>
    public async Task EndBurstAsync(CancellationToken token)
    {
        if (_pending.Count > 0)
        {
            await WriteFrameAsync(flush: true, token);
        }
    }

    private async Task WriteFrameAsync(bool flush, CancellationToken token)
    {
        if (_closed)
        {
            throw new OperationCanceledException("the stream is being closed.");
        }

        ServerEvent frame;
        if (_pending.Count == 1)
        {
            frame = _pending[0];
        }
        else
        {
            var batch = new EventBatch();
            batch.Events.AddRange(_pending);
            frame = new ServerEvent { Batch = batch };
        }

        _pending.Clear();
        var buffer = !flush && _unflushed < MaxUnflushed;
        writer.WriteOptions = buffer ? Buffered : null;
        await writer.WriteAsync(frame, token);
        _unflushed = buffer ? _unflushed + 1 : 0;
    }
}
