using System.Collections.Concurrent;
using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests;

/// <summary>
/// Streams opened and dropped against one server, many at once, each dropped as soon as it is up (the client cancels
/// the call): customers joining (6 in 10), customers resuming a conversation an earlier stream joined (2 in 10), agents
/// of a fixed set signing in (2 in 10). Counts the streams that ended with a status of the server's before the drop.
/// </summary>
internal sealed class ChurnWorkload(GrpcChannel[] channels, int agents)
{
    private static readonly TimeSpan CallLimit = TimeSpan.FromSeconds(90);
    private readonly ConcurrentQueue<Welcome> _resumable = new();
    private readonly ConcurrentDictionary<StatusCode, int> _failures = new();
    private int _agentTurn = -1;

    /// <summary>Streams the server ended before the client dropped them, by status.</summary>
    public IReadOnlyDictionary<StatusCode, int> Failures => _failures;

    public async Task RunAsync(int streams, int inFlight, CancellationToken token)
    {
        var next = -1;
        await Task.WhenAll(Enumerable.Range(0, inFlight).Select(async _ =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < streams)
            {
                var client = new Protocol.V1.SupportChat.SupportChatClient(channels[i % channels.Length]);
                await ((i % 10) switch
                {
                    < 6 => JoinAsync(client, token),
                    < 8 when _resumable.TryDequeue(out var welcome) => ResumeAsync(client, welcome, token),
                    < 8 => JoinAsync(client, token),
                    _ => SignInAsync(client, token),
                });
            }
        }));

        // Nothing of a run is kept for the next: what is measured after it is the server's.
        _resumable.Clear();
    }

    private async Task JoinAsync(Protocol.V1.SupportChat.SupportChatClient client, CancellationToken token)
    {
        if (await OpenAndDropAsync(client.Customer, Wire.CustomerHello("Churn"), Kind.Welcome, token) is { } welcome)
        {
            _resumable.Enqueue(welcome.Welcome);
        }
    }

    // The conversation may have ended meanwhile (abandoned): the resume is welcomed all the same, then told it ended.
    private Task ResumeAsync(Protocol.V1.SupportChat.SupportChatClient client, Welcome welcome, CancellationToken token) =>
        OpenAndDropAsync(client.Customer, Wire.CustomerResume(welcome, lastSeq: 0), Kind.Welcome, token);

    private Task SignInAsync(Protocol.V1.SupportChat.SupportChatClient client, CancellationToken token) =>
        OpenAndDropAsync(client.Agent, Wire.AgentHello($"Churn Agent {Interlocked.Increment(ref _agentTurn) % agents}", 2), Kind.Ready, token);

    /// <summary>Sends the hello, reads up to the first event of <paramref name="upTo"/>, and drops the stream (disposing
    /// the call cancels it). Null when the server ended the stream first.</summary>
    private async Task<ServerEvent?> OpenAndDropAsync<TCommand>(
        Func<Metadata?, DateTime?, CancellationToken, AsyncDuplexStreamingCall<TCommand, ServerEvent>> open, TCommand hello, Kind upTo,
        CancellationToken token)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(token);
        limit.CancelAfter(CallLimit);
        using var call = open(null, null, limit.Token);
        try
        {
            await call.RequestStream.WriteAsync(hello, limit.Token);
            while (await call.ResponseStream.MoveNext(limit.Token))
            {
                if (call.ResponseStream.Current.EventCase == upTo)
                {
                    return call.ResponseStream.Current;
                }
            }
        }
        catch (RpcException ex) when (!limit.IsCancellationRequested)
        {
            _failures.AddOrUpdate(ex.StatusCode, 1, (_, n) => n + 1);
        }

        return null;
    }
}
