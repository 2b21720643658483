using System.Diagnostics.Metrics;
using Grpc.Core;
using SupportChat.Storage;

namespace SupportChat.Server.Metrics;

/// <summary>
/// SupportChat's own instruments, on the meter "SupportChat" (OpenTelemetry semantic-convention style: dotted names,
/// UCUM units, seconds for durations). Every figure is this node's: a cluster-wide one is the sum over nodes, which
/// Prometheus does with sum() over the scraped instances. Recording is cheap (no locks, no allocation beyond tags).
/// </summary>
internal sealed class SupportChatMetrics
{
    public const string MeterName = "SupportChat";

    // Buckets for latencies a person notices: a few ms (a group commit) to a minute (a long wait in a queue).
    private static readonly double[] SecondsBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly UpDownCounter<long> _streams;
    private readonly Counter<long> _messagesStored;
    private readonly Histogram<double> _ackLatency;
    private readonly Histogram<long> _commitSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Counter<long> _commitFailures;
    private readonly Counter<long> _rateLimited;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _resumed;
    private readonly Counter<long> _dropped;
    private readonly Counter<long> _ratings;

    public SupportChatMetrics(IMeterFactory meters)
        : this(meters.Create(MeterName))
    {
    }

    private SupportChatMetrics(Meter meter)
    {
        _streams = meter.CreateUpDownCounter<long>("supportchat.streams.connected", "{stream}",
            "Participant streams open on this node, by supportchat.role (Agent, Customer).");
        _messagesStored = meter.CreateCounter<long>("supportchat.messages.stored", "{message}",
            "Messages committed to the history by this node's store writer.");
        _ackLatency = meter.CreateHistogram("supportchat.send.ack_latency", "s",
            "From a batch of sends taken off a stream to the conversation answering that they are durable (the ack is posted).",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _commitSize = meter.CreateHistogram<long>("supportchat.store.commit.size", "{write}",
            "Writes (message units and conversation saves) in one transaction of the store's group commit.",
            advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512] });
        _commitDuration = meter.CreateHistogram("supportchat.store.commit.duration", "s",
            "Time of one transaction of the store's group commit, durable at its end.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = SecondsBuckets });
        _commitFailures = meter.CreateCounter<long>("supportchat.store.commit.failures", "{transaction}",
            "Transactions of the store's group commit that failed (every write in them is refused and retried by its caller).");
        _rateLimited = meter.CreateCounter<long>("supportchat.commands.rate_limited", "{command}",
            "Commands refused (ResourceExhausted) for going over a rate, by supportchat.command: send (the participant's send rate), join (a connection's rate of new streams).");
        _errors = meter.CreateCounter<long>("supportchat.errors", "{error}",
            "Errors told to clients, by rpc.grpc.status_code: per command on a stream, or as the status that ended a call.");
        _resumed = meter.CreateCounter<long>("supportchat.sessions.resumed", "{session}",
            "Streams that took up where an earlier one left off, by supportchat.role: a customer's resume, an agent's sign-in with cursors.");
        _dropped = meter.CreateCounter<long>("supportchat.sessions.dropped", "{session}",
            "Streams that ended without leaving (connection lost, client gone, server stopping), by supportchat.role: the participant may resume within its grace period.");
        _ratings = meter.CreateCounter<long>("supportchat.ratings", "{rating}",
            "Conversations rated by their customers, by supportchat.rating.score (1 to 5).");
    }

    /// <summary>For unit tests that build sessions by hand: a meter of another name, which no exporter listens to.</summary>
    public static SupportChatMetrics Unobserved { get; } = new(new Meter("SupportChat.Unobserved"));

    /// <summary><paramref name="transport"/>: "grpc" (the bidi Agent and Customer calls) or "grpc-web" (a browser's
    /// BrowserCustomer.Events), as supportchat.transport.</summary>
    public void StreamOpened(string role, string transport) => _streams.Add(1, Role(role), Transport(transport));

    public void StreamClosed(string role, string transport) => _streams.Add(-1, Role(role), Transport(transport));

    public void SessionResumed(string role) => _resumed.Add(1, new KeyValuePair<string, object?>("supportchat.role", role));

    public void SessionDropped(string role) => _dropped.Add(1, new KeyValuePair<string, object?>("supportchat.role", role));

    public void AckLatency(TimeSpan elapsed) => _ackLatency.Record(elapsed.TotalSeconds);

    /// <summary><paramref name="command"/>: "send" or "join".</summary>
    public void RateLimited(string command) => _rateLimited.Add(1, new KeyValuePair<string, object?>("supportchat.command", command));

    public void Rated(int score) => _ratings.Add(1, new KeyValuePair<string, object?>("supportchat.rating.score", score));

    public void Error(StatusCode code) => _errors.Add(1, new KeyValuePair<string, object?>("rpc.grpc.status_code", (int)code));

    private static KeyValuePair<string, object?> Role(string role) => new("supportchat.role", role);

    private static KeyValuePair<string, object?> Transport(string transport) => new("supportchat.transport", transport);

    /// <summary>Wired to the store's writer loop (<see cref="DbChatStore.Committed"/>).</summary>
    public void Committed(CommitStats commit)
    {
        _commitSize.Record(commit.Writes);
        _commitDuration.Record(commit.Duration.TotalSeconds);
        if (!commit.Succeeded)
        {
            _commitFailures.Add(1);
            return;
        }

        if (commit.MessagesStored > 0)
        {
            _messagesStored.Add(commit.MessagesStored);
        }
    }
}
