using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Threading.Channels;

namespace SupportChat.Server.Tests.Webhooks;

/// <summary>A real HTTP receiver on a loopback port (HttpListener): records every delivery and answers as the test says
/// (a status, after an optional delay). Can be stopped (connection refused) and started again on the same port.</summary>
internal sealed class HookReceiver : IAsyncDisposable
{
    private readonly Channel<Delivery> _received = Channel.CreateUnbounded<Delivery>();
    private HttpListener? _listener;
    private Task? _loop;
    private int _requests;

    public HookReceiver()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook/";

    /// <summary>Given the request's number (1, 2 …) and its delivery, how to answer: status code and delay.</summary>
    public Func<int, Delivery, (int Status, TimeSpan Delay)> Answer { get; set; } = (_, _) => (204, TimeSpan.Zero);

    /// <summary>Every request, answered or not, in arrival order.</summary>
    public ConcurrentQueue<Delivery> All { get; } = new();

    public void Start()
    {
        _listener = new HttpListener();
        _listener.Prefixes.Add(Url);
        _listener.Start();
        var listener = _listener;
        _loop = Task.Run(() => ServeAsync(listener));
    }

    public async Task StopAsync()
    {
        _listener?.Stop();
        _listener?.Close();
        if (_loop is not null)
        {
            await _loop;
        }

        _listener = null;
    }

    /// <summary>The next delivery that got a 2xx.</summary>
    public async Task<Delivery> NextDeliveredAsync(string what)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            return await _received.Reader.ReadAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"gave up waiting for {what}");
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task ServeAsync(HttpListener listener)
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => AnswerAsync(context)); // a slow answer must not hold up the next request
        }
    }

    private async Task AnswerAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        var delivery = new Delivery(body.ToArray(), context.Request.Headers["SupportChat-Signature"] ?? string.Empty,
            context.Request.Headers["SupportChat-Timestamp"] ?? string.Empty, context.Request.Headers["SupportChat-Event"] ?? string.Empty,
            context.Request.Headers["SupportChat-Delivery"] ?? string.Empty);
        All.Enqueue(delivery);
        var (status, delay) = Answer(Interlocked.Increment(ref _requests), delivery);
        try
        {
            await Task.Delay(delay);
            context.Response.StatusCode = status;
            context.Response.Close();
            if (status is >= 200 and < 300 && delay == TimeSpan.Zero)
            {
                _received.Writer.TryWrite(delivery);
            }
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
        {
            // The client gave up (a timeout) or the listener stopped.
        }
    }
}

internal sealed record Delivery(byte[] Body, string Signature, string Timestamp, string Kind, string DeliveryId)
{
    public long Cursor => JsonDocument.Parse(Body).RootElement.GetProperty("cursor").GetInt64();
}
