using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Tests.Fakes;

/// <summary>A request stream that records what the client wrote (and when, by the test's clock).</summary>
internal sealed class FakeRequestStream<T>(TimeProvider time) : IClientStreamWriter<T>
    where T : class
{
    private readonly Channel<(T Message, TimeSpan At)> _written = Channel.CreateUnbounded<(T, TimeSpan)>();
    private readonly TaskCompletionSource _completed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _start = time.GetTimestamp();

    public WriteOptions? WriteOptions { get; set; }

    /// <summary>Completes when the client has ended its side of the stream politely (which the server takes as leaving).</summary>
    public Task Completed => _completed.Task;

    public Task WriteAsync(T message) => WriteAsync(message, CancellationToken.None);

    public Task WriteAsync(T message, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (_completed.Task.IsCompleted)
        {
            throw new InvalidOperationException("the request stream is already complete.");
        }

        _written.Writer.TryWrite((message, time.GetElapsedTime(_start)));
        return Task.CompletedTask;
    }

    public Task CompleteAsync()
    {
        _completed.TrySetResult();
        return Task.CompletedTask;
    }

    /// <summary>The next message the client wrote, waiting for it.</summary>
    public async Task<T> NextAsync(string what) => (await NextTimedAsync(what)).Message;

    /// <summary>The next message the client wrote, with the time it was written (since the stream was made).</summary>
    public Task<(T Message, TimeSpan At)> NextTimedAsync(string what) => _written.Reader.ReadAsync().AsTask().Within(what);

    /// <summary>True when nothing more has been written so far.</summary>
    public bool NothingMoreYet => _written.Reader.Count == 0;
}

/// <summary>A response stream the test feeds: events, then a normal end or a failure.</summary>
internal sealed class FakeResponseStream : IAsyncStreamReader<ServerEvent>
{
    private readonly Channel<ServerEvent> _events = Channel.CreateUnbounded<ServerEvent>();
    private Exception? _failure;

    public ServerEvent Current { get; private set; } = null!;

    public void Push(params ServerEvent[] events)
    {
        foreach (var e in events)
        {
            Assert.True(_events.Writer.TryWrite(e), "the response stream is already over");
        }
    }

    /// <summary>The server ended the stream normally.</summary>
    public void End() => _events.Writer.TryComplete();

    /// <summary>The stream failed, as a gRPC call does (after the events already pushed).</summary>
    public void Break(RpcException failure)
    {
        _failure = failure;
        _events.Writer.TryComplete();
    }

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (await _events.Reader.WaitToReadAsync(cancellationToken) && _events.Reader.TryRead(out var e))
        {
            Current = e;
            return true;
        }

        return _failure is null ? false : throw _failure;
    }
}

/// <summary>One fake call: what the client wrote and what the test answers, built into the real call type.</summary>
internal sealed class FakeCall<TCommand>
    where TCommand : class
{
    public FakeCall(GrpcChannel channel, TimeProvider time)
    {
        Channel = channel;
        Requests = new FakeRequestStream<TCommand>(time);
    }

    /// <summary>The channel (so the server) the call was opened on.</summary>
    public GrpcChannel Channel { get; }

    public FakeRequestStream<TCommand> Requests { get; }

    public FakeResponseStream Responses { get; } = new();

    /// <summary>Set when the client disposed the call (as it does with every stream that ended).</summary>
    public bool Disposed { get; private set; }

    public AsyncDuplexStreamingCall<TCommand, ServerEvent> ToCall() => new(
        Requests,
        Responses,
        Task.FromResult(new Metadata()),
        () => Status.DefaultSuccess,
        () => new Metadata(),
        () =>
        {
            // Disposing a real call cancels it: its reads fail from then on.
            Disposed = true;
            Responses.Break(new RpcException(new Status(StatusCode.Cancelled, "the call was disposed.")));
        });
}
