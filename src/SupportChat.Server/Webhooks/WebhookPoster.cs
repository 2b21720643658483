using System.Globalization;
using System.Net.Http.Headers;
using Microsoft.Extensions.Options;
using SupportChat.Domain.Events;
using SupportChat.Server.Events;

namespace SupportChat.Server.Webhooks;

/// <summary>Makes one delivery: a signed JSON POST, answered within the timeout with a 2xx or not at all.</summary>
internal sealed class WebhookPoster(TimeProvider time, IOptions<EventFeedOptions> options) : IDisposable
{
    public const string SignatureHeader = "SupportChat-Signature";
    public const string TimestampHeader = "SupportChat-Timestamp";
    public const string EventHeader = "SupportChat-Event";
    public const string DeliveryHeader = "SupportChat-Delivery";

    // One client for every webhook: connections are pooled per host. No redirects: a signed POST goes where it was
    // registered to go, nowhere else.
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        ConnectTimeout = TimeSpan.FromSeconds(10),
    })
    {
        Timeout = Timeout.InfiniteTimeSpan, // our own, below, on the TimeProvider
    };

    /// <summary>Null when the receiver answered 2xx; otherwise what went wrong, for the failed list.</summary>
    public async Task<string?> PostAsync(string url, byte[] secret, ChatEvent e, CancellationToken cancellationToken)
    {
        var body = WebhookJson.Body(e);
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(secret, timestamp, body));
        request.Headers.Add(TimestampHeader, timestamp);
        request.Headers.Add(EventHeader, e.Kind);
        request.Headers.Add(DeliveryHeader, e.Cursor.ToString(CultureInfo.InvariantCulture));
        var timeout = options.Value.DeliveryTimeout;
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, limit.Token);
            return response.IsSuccessStatusCode ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return $"timed out after {timeout.TotalSeconds:0.#} s";
        }
        catch (HttpRequestException ex)
        {
            return ex.HttpRequestError == HttpRequestError.ConnectionError ? $"could not connect: {ex.Message}" : ex.Message;
        }
    }

    public void Dispose() => _http.Dispose();
}
