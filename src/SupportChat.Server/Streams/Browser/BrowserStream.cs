using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using SupportChat.Protocol.V1;

namespace SupportChat.Server.Streams.Browser;

/// <summary>
/// One BrowserCustomer.Events stream as its command loop sees it: a request stream whose first command is the hello and
/// whose others are the commands of the browser's unary calls naming this stream, in the order they came. The one
/// command loop of the stream carries them out, so calls that overlap (a browser should keep one Send in flight, but
/// need not) are still handled one after the other, exactly as commands read from a bidi stream.
/// </summary>
internal sealed class BrowserStream(string id, CustomerCommand hello) : IAsyncStreamReader<CustomerCommand>
{
    // Calls waiting for the command loop; a browser keeps one in flight, so more than this is a client gone wrong.
    private const int MaxWaiting = 64;

    private readonly Channel<BrowserCall> _waiting = Channel.CreateBounded<BrowserCall>(new BoundedChannelOptions(MaxWaiting) { SingleReader = true });

    // Calls the command loop has read (it reads ahead) and not yet carried out, by their command.
    private readonly ConcurrentDictionary<CustomerCommand, BrowserCall> _read = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _gate = new();
    private CustomerCommand? _hello = hello;
    private Status? _closed;

    public string Id => id;

    /// <summary>Whose stream it is, once its hello was accepted.</summary>
    public string CustomerId { get; private set; } = string.Empty;

    public string ConversationId { get; private set; } = string.Empty;

    /// <summary>The status calls naming this stream get now that it is closed, or null while it is open.</summary>
    public Status? Closed { get { lock (_gate) { return _closed; } } }

    public CustomerCommand Current { get; private set; } = new();

    public void Accepted(string customerId, string conversationId) => (CustomerId, ConversationId) = (customerId, conversationId);

    public async Task<bool> MoveNext(CancellationToken cancellationToken)
    {
        if (_hello is { } hello)
        {
            _hello = null;
            Current = hello;
            return true;
        }

        while (await _waiting.Reader.WaitToReadAsync(cancellationToken))
        {
            if (_waiting.Reader.TryRead(out var call))
            {
                _read[call.Command] = call;
                Current = call.Command;
                return true;
            }
        }

        return false;
    }

    /// <summary>Hands a call's command to the command loop; refused at once when the stream is closed or too many wait.</summary>
    public void Enqueue(BrowserCall call)
    {
        lock (_gate)
        {
            if (_closed is { } closed)
            {
                call.Refuse(closed);
            }
            else if (!_waiting.Writer.TryWrite(call))
            {
                call.Refuse(new Status(StatusCode.ResourceExhausted,
                    $"too many calls waiting for stream {id} (at most {MaxWaiting}); wait for their answers before making more."));
            }
        }
    }

    /// <summary>The calls of commands the command loop is about to carry out.</summary>
    public IReadOnlyList<BrowserCall> TakeCalls(IReadOnlyList<CustomerCommand> commands)
    {
        var calls = new List<BrowserCall>(commands.Count);
        foreach (var command in commands)
        {
            if (_read.TryRemove(command, out var call))
            {
                calls.Add(call);
            }
        }

        return calls;
    }

    /// <summary>The stream is over: calls waiting, or read and never carried out (the stream stopped first), and every
    /// later call naming it get <paramref name="status"/>. Called once the command loop has finished.</summary>
    public void Close(Status status)
    {
        lock (_gate)
        {
            _closed ??= status;
            _waiting.Writer.TryComplete();
        }

        while (_waiting.Reader.TryRead(out var call))
        {
            call.Refuse(status);
        }

        foreach (var (_, call) in _read)
        {
            call.Refuse(status);
        }

        _read.Clear();
    }
}
