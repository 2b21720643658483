using System.Threading.Channels;
using Grpc.Core;

namespace SupportChat.Bench.Baseline;

/// <summary>One writer per response stream: a bounded channel drained by one loop, which flushes once per burst
/// (the same write technique the chat server uses, so the baseline is the transport's best, not a straw man).</summary>
internal sealed class StreamOutbox<T>(IServerStreamWriter<T> writer, int capacity)
    where T : class
{
    private static readonly WriteOptions Buffered = new(WriteFlags.BufferHint);
    private readonly Channel<T> _channel = Channel.CreateBounded<T>(new BoundedChannelOptions(capacity) { SingleReader = true });

    public ValueTask PostAsync(T item, CancellationToken token) => _channel.Writer.WriteAsync(item, token);

    public void Complete() => _channel.Writer.TryComplete();

    public async Task RunAsync(CancellationToken token)
    {
        var reader = _channel.Reader;
        while (await reader.WaitToReadAsync(token))
        {
            while (reader.TryRead(out var item))
            {
                writer.WriteOptions = reader.Count > 0 ? Buffered : null;
                await writer.WriteAsync(item, token);
            }
        }
    }
}
