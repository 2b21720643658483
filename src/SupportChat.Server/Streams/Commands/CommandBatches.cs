using System.Runtime.CompilerServices;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;
using Grpc.Core;

namespace SupportChat.Server.Streams.Commands;

/// <summary>
/// Reads a stream's commands ahead into a small bounded queue while the previous ones are being handled, and hands
/// them out in runs: consecutive sends come together (up to a limit), every other command alone. Under load a whole
/// burst of sends then costs one conversation call and one store commit; when idle, a send goes on at once.
/// </summary>
internal static class CommandBatches
{
    private const int ReadAhead = 512;

    public static async IAsyncEnumerable<IReadOnlyList<T>> ReadAsync<T>(IAsyncStreamReader<T> requests, Func<T, bool> isSend, int maxBatch,
        [EnumeratorCancellation] CancellationToken token)
    {
        var queue = Channel.CreateBounded<T>(new BoundedChannelOptions(ReadAhead) { SingleReader = true, SingleWriter = true });

        // The request stream must not be read once the call is over (Kestrel reuses its stream objects), so the
        // read-ahead is stopped and awaited whenever the consumer stops, however it stops.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(token);
        var reading = ReadAheadAsync(requests, queue.Writer, stop.Token);
        try
        {
            var reader = queue.Reader;
            while (await WaitAsync(reader, reading, token))
            {
                while (reader.TryRead(out var first))
                {
                    if (!isSend(first))
                    {
                        yield return [first];
                        continue;
                    }

                    var run = new List<T> { first };
                    while (run.Count < maxBatch && reader.TryPeek(out var next) && isSend(next) && reader.TryRead(out next))
                    {
                        run.Add(next);
                    }

                    yield return run;
                }
            }
        }
        finally
        {
            await stop.CancelAsync();
            await reading;
        }
    }

    /// <summary>Waits for more commands; when the stream failed, rethrows its original exception (its status matters).</summary>
    private static async Task<bool> WaitAsync<T>(ChannelReader<T> reader, Task<Exception?> reading, CancellationToken token)
    {
        if (await reader.WaitToReadAsync(token))
        {
            return true;
        }

        if (await reading is { } failure)
        {
            ExceptionDispatchInfo.Capture(failure).Throw();
        }

        return false;
    }

    /// <summary>Never throws: a failure of the request stream is handed to the consumer once the queue is drained.</summary>
    private static async Task<Exception?> ReadAheadAsync<T>(IAsyncStreamReader<T> requests, ChannelWriter<T> queue, CancellationToken token)
    {
        try
        {
            while (await requests.MoveNext(token))
            {
                await queue.WriteAsync(requests.Current, token);
            }

            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
        finally
        {
            queue.TryComplete();
        }
    }
}
