using System.Threading.Channels;
using Grpc.Core;

namespace SupportChat.Server.Tests.Fakes;

/// <summary>A request stream fed by the test through a channel; it can end normally or with a failure, and it tells
/// whether anyone is still reading it.</summary>
internal sealed class TestAsyncStreamReader<T> : IAsyncStreamReader<T>
    where T : class
{
    private readonly Channel<T> _channel = Channel.CreateUnbounded<T>();
    private Exception? _failure;
    private int _reading;

    public T Current { get; private set; } = null!;

    /// <summary>Whether a MoveNext is in progress.</summary>
    public bool IsBeingRead => Volatile.Read(ref _reading) > 0;

    /// <summary>Messages written but not read yet.</summary>
    public int Unread => _channel.Reader.Count;

    public void Add(T message)
    {
        if (!_channel.Writer.TryWrite(message))
        {
            throw new InvalidOperationException("the request stream was already completed.");
        }
    }

    /// <summary>The client closed its side.</summary>
    public void Complete() => _channel.Writer.Complete();

    /// <summary>The request stream breaks with <paramref name="failure"/> once what was added before has been read.</summary>
    public void Fail(Exception failure)
    {
        _failure = failure;
        _channel.Writer.Complete();
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _reading);
        try
        {
            if (await _channel.Reader.WaitToReadAsync(cancellationToken) && _channel.Reader.TryRead(out var message))
            {
                Current = message;
                return true;
            }

            Current = null!;
            return _failure is null ? false : throw _failure;
        }
        finally
        {
            Interlocked.Decrement(ref _reading);
        }
    }
}
