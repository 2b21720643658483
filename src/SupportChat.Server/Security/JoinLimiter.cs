using Grpc.Core;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.Extensions.Options;
using SupportChat.Domain;
using SupportChat.Protocol.Rules;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;
using SupportChat.Server.Metrics;

namespace SupportChat.Server.Security;

/// <summary>
/// Limits how fast one connection may open participant streams (customer joins, agent sign-ins), so a single
/// client cannot flood the queues. The bucket lives with the connection (Kestrel's connection items) and goes
/// away with it.
/// </summary>
internal sealed class JoinLimiter(IOptions<ChatOptions> options, TimeProvider time, SupportChatMetrics metrics, ILogger<JoinLimiter> logger)
{
    private static readonly object Key = new();

    // Kestrel creates a connection's items on first use without a lock, so the first streams of a connection, read at
    // once on several threads, could each get a dictionary of their own (and a full bucket each): everything from
    // reading the items to putting the bucket in them is done under one lock.
    private readonly Lock _connections = new();

    /// <summary>Throws ResourceExhausted when the connection is over its join rate.</summary>
    public void Charge(ServerCallContext context)
    {
        TokenBucket bucket;
        lock (_connections)
        {
            var items = context.GetHttpContext().Features.Get<IConnectionItemsFeature>()?.Items;
            if (items is null)
            {
                return;
            }

            if (!items.TryGetValue(Key, out var existing) || existing is not TokenBucket found)
            {
                found = new TokenBucket(options.Value.JoinRatePerConnection, options.Value.JoinBurstPerConnection, time);
                items[Key] = found;
            }

            bucket = found;
        }

        lock (bucket)
        {
            if (!bucket.TryTake())
            {
                metrics.RateLimited("join");
                ServerLog.JoinRateLimited(logger, context.Peer);
                throw ChatException.ResourceExhausted(
                    $"too many new streams on this connection (at most {options.Value.JoinBurstPerConnection} at once, then {options.Value.JoinRatePerConnection:0.##} per second); try again shortly.");
            }
        }
    }
}
