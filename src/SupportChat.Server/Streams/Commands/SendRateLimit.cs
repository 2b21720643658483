using SupportChat.Domain;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;

namespace SupportChat.Server.Streams.Commands;

/// <summary>
/// How fast one participant may send: <see cref="ChatOptions.SendRatePerSecond"/> with bursts of
/// <see cref="ChatOptions.SendBurst"/>. Not thread safe: charged only from the stream's command loop.
/// </summary>
internal sealed class SendRateLimit(ChatOptions options, TimeProvider time)
{
    private readonly TokenBucket _bucket = new(options.SendRatePerSecond, options.SendBurst, time);

    /// <summary>What clients are told of the send rate, so they pace themselves within it.</summary>
    public static SendLimit Announced(ChatOptions options) => new() { PerSecond = options.SendRatePerSecond, Burst = options.SendBurst };

    /// <summary>Counts a send against the rate; throws ResourceExhausted for one over it.</summary>
    public void Charge()
    {
        if (!_bucket.TryTake())
        {
            var wait = Math.Max(1, (int)Math.Ceiling(_bucket.TimeUntilNext().TotalMilliseconds));
            throw ChatException.ResourceExhausted(
                $"too many messages: at most {options.SendRatePerSecond:0.##} per second (bursts of {options.SendBurst}); this one was not sent, retry in {wait} ms.");
        }
    }
}
