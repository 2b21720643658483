using SupportChat.Bench.Measures;

namespace SupportChat.Bench.Endpoints;

/// <summary>One side of a relayed pair: sends numbered texts to its peer, checks what the peer sends back.</summary>
internal interface IRelayEndpoint : IAsyncDisposable
{
    DeliveryCheck Check { get; }

    /// <summary>Sends the peer message number <paramref name="number"/>.</summary>
    ValueTask SendAsync(long number, string text, CancellationToken token);

    /// <summary>Sends this endpoint's server refused and then retried (chat only: e.g. ResourceExhausted).</summary>
    int Retried { get; }
}
