using System.Threading.Channels;
using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Client.Delivery;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Tests.Fakes;

/// <summary>A real role (its hellos and sends as production builds them) whose calls are fakes the test drives:
/// every open makes a new one and hands it to the test.</summary>
internal sealed class ScriptedRole<TCommand>(ISessionRole<TCommand> real, TimeProvider time) : ISessionRole<TCommand>
    where TCommand : class
{
    private readonly Channel<FakeCall<TCommand>> _opened = Channel.CreateUnbounded<FakeCall<TCommand>>();
    private int _count;

    /// <summary>How many calls the session has opened so far.</summary>
    public int Opened => Volatile.Read(ref _count);

    public AsyncDuplexStreamingCall<TCommand, ServerEvent> Open(GrpcChannel channel)
    {
        Interlocked.Increment(ref _count);
        var call = new FakeCall<TCommand>(channel, time);
        _opened.Writer.TryWrite(call);
        return call.ToCall();
    }

    public TCommand Hello() => real.Hello();

    public TCommand WrapSend(SendMessage send) => real.WrapSend(send);

    public SendMessage? AsSend(TCommand command) => real.AsSend(command);

    public TCommand Leave() => real.Leave();

    /// <summary>The next call the session opens, waiting for it.</summary>
    public Task<FakeCall<TCommand>> NextCallAsync(string what) => _opened.Reader.ReadAsync().AsTask().Within(what);
}
