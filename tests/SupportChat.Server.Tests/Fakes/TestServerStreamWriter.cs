using System.Threading.Channels;
using Grpc.Core;
using SupportChat.Protocol.V1;

namespace SupportChat.Server.Tests.Fakes;

/// <summary>One frame as it reached the response stream, and whether it was flushed (no BufferHint).</summary>
internal sealed record WrittenFrame(ServerEvent Event, bool Flushed);

/// <summary>
/// A response stream that records every frame into a channel for the test to read, with the write options it had.
/// Writes can be held (<see cref="Hold"/>) to play a client that does not read; a held write gives up when the
/// writer's token is cancelled, as the real one does.
/// </summary>
internal sealed class TestServerStreamWriter : IServerStreamWriter<ServerEvent>
{
    private readonly Channel<WrittenFrame> _frames = Channel.CreateUnbounded<WrittenFrame>();
    private readonly TaskCompletionSource _writeHeld = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource? _held;

    public WriteOptions? WriteOptions { get; set; }

    /// <summary>Completes once a write is waiting on <see cref="Hold"/>.</summary>
    public Task WriteHeld => _writeHeld.Task;

    public ChannelReader<WrittenFrame> Frames => _frames.Reader;

    /// <summary>From now on, writes wait until <see cref="Release"/> (or their token is cancelled).</summary>
    public void Hold() => _held = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Release() => _held?.TrySetResult();

    public Task WriteAsync(ServerEvent message) => WriteAsync(message, CancellationToken.None);

    public async Task WriteAsync(ServerEvent message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var flushed = (WriteOptions?.Flags & WriteFlags.BufferHint) != WriteFlags.BufferHint;
        if (_held is { } held)
        {
            _writeHeld.TrySetResult();
            await held.Task.WaitAsync(cancellationToken);
        }

        _frames.Writer.TryWrite(new WrittenFrame(message, flushed));
    }
}
