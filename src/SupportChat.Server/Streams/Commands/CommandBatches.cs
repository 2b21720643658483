using System.Runtime.CompilerServices;
using Grpc.Core;

namespace SupportChat.Server.Streams.Commands;

/// <summary>
/// Hands a stream's commands out in runs: consecutive sends come together (up to a limit), every other command alone.
/// The next read is always under way while a run is being handled, so commands that arrive meanwhile wait, already
/// read, in the request's buffer; once the run is done, every send that is there is taken into the next run at once.
/// Under load a whole burst of sends then costs one conversation call and one store commit; when idle, a send goes on
/// from the thread that read it, with no hand-off to another (each hand-off is a thread-pool wake-up per message).
/// </summary>
internal static class CommandBatches
{
    public static async IAsyncEnumerable<IReadOnlyList<T>> ReadAsync<T>(IAsyncStreamReader<T> requests, Func<T, bool> isSend, int maxBatch,
        [EnumeratorCancellation] CancellationToken token)
    {
        // The request stream must not be read once the call is over (Kestrel reuses its stream objects), so a read
        // still under way is stopped and awaited whenever the consumer stops, however it stops.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var next = requests.MoveNext(stop.Token);
        try
        {
            while (await next)
            {
                var first = requests.Current;
                next = requests.MoveNext(stop.Token);
                if (!isSend(first))
                {
                    yield return [first];
                    continue;
                }

                var run = new List<T> { first };
                while (run.Count < maxBatch && next.IsCompletedSuccessfully && next.Result && isSend(requests.Current))
                {
                    run.Add(requests.Current);
                    next = requests.MoveNext(stop.Token);
                }

                yield return run;
            }
        }
        finally
        {
            if (!next.IsCompleted)
            {
                await stop.CancelAsync();
                try
                {
                    await next;
                }
                catch (Exception ex) when (ex is OperationCanceledException or IOException or RpcException or InvalidOperationException)
                {
                    // Stopped on purpose; a failure that mattered reached the consumer from the read that saw it.
                }
            }
        }
    }
}
