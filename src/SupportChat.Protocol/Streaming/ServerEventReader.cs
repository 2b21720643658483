using System.Runtime.CompilerServices;
using Grpc.Core;
using SupportChat.Protocol.V1;

namespace SupportChat.Protocol.Streaming;

/// <summary>Reads a chat stream's events one by one, taking apart the batches a server sends to a client that
/// said batch_events in its hello.</summary>
public static class ServerEventReader
{
    /// <summary>Every event of the stream in order, batches unpacked.</summary>
    public static async IAsyncEnumerable<ServerEvent> ReadEventsAsync(this IAsyncStreamReader<ServerEvent> stream,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        while (await stream.MoveNext(cancellationToken))
        {
            var e = stream.Current;
            if (e.EventCase != ServerEvent.EventOneofCase.Batch)
            {
                yield return e;
                continue;
            }

            foreach (var inner in e.Batch.Events)
            {
                yield return inner;
            }
        }
    }
}
