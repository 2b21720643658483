using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using SupportChat.Domain.Conversations;

namespace SupportChat.Grains.Metrics;

/// <summary>
/// The grains' instruments, on the meter "SupportChat.Grains": what only the grains know (agents' status, conversations
/// open and waiting, queue wait, first response, grace periods that ran out). The gauges count the grains active on this
/// node, so each node reports a share and Prometheus' sum() over the nodes is the cluster's figure; a grain that moves
/// (a node lost) is counted where it is active again.
/// </summary>
/// <remarks>
/// The gauges read each tracked grain's state through a small delegate when a scrape asks, instead of every grain
/// pushing each change: one line of tracking per grain, and nothing on the grains' hot paths. The read runs off the
/// grain's turn; it reads a reference and a flag or two, so at worst it is one change behind, which a gauge may be.
/// </remarks>
public sealed class GrainMetrics
{
    public const string MeterName = "SupportChat.Grains";

    // Waits a person notices: from an instant assignment to an hour in a queue.
    private static readonly double[] WaitBuckets = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600, 1200, 1800, 3600];

    private readonly ConcurrentDictionary<string, Func<bool?>> _agents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<(string Department, ConversationStatus Status)?>> _conversations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Func<int>> _queues = new(StringComparer.Ordinal);
    private readonly Histogram<double> _queueWait;
    private readonly Histogram<double> _firstResponse;
    private readonly Counter<long> _graceExpired;

    public GrainMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("supportchat.agents", ObserveAgents, "{agent}",
            "Agents signed in whose grain is active on this node, by supportchat.agent.status (available, away).");
        meter.CreateObservableGauge("supportchat.conversations.open", ObserveConversations, "{conversation}",
            "Open conversations whose grain is active on this node, by supportchat.department and supportchat.conversation.state (queued, active).");
        meter.CreateObservableGauge("supportchat.queue.waiting", ObserveQueues, "{customer}",
            "Customers waiting in the department queues active on this node, by supportchat.department.");
        _queueWait = meter.CreateHistogram("supportchat.queue.wait", "s",
            "From a customer's join to its first assignment to an agent, by supportchat.department.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitBuckets });
        _firstResponse = meter.CreateHistogram("supportchat.conversation.first_response", "s",
            "From a conversation's assignment to an agent to that agent's first message, by supportchat.department.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = WaitBuckets });
        _graceExpired = meter.CreateCounter<long>("supportchat.sessions.grace_expired", "{session}",
            "Grace periods that ran out, by supportchat.role (Agent: its conversations go back to the queue; Customer: its conversation is abandoned).");
    }

    /// <summary>Counts the agent while it is signed in: <paramref name="available"/> says true (available), false
    /// (away) or null (not signed in, or its stream is gone).</summary>
    public void TrackAgent(string agentId, Func<bool?> available) => _agents[agentId] = available;

    /// <summary>Counts the conversation while it is open: <paramref name="state"/> says its department and status, or null.</summary>
    public void TrackConversation(string conversationId, Func<(string Department, ConversationStatus Status)?> state) =>
        _conversations[conversationId] = state;

    public void TrackQueue(string department, Func<int> waiting) => _queues[department] = waiting;

    // Forgetting a grain that goes away: each returns a completed task so that a grain's OnDeactivateAsync is one line.
    public Task UntrackAgent(string agentId) => Forget(_agents, agentId);

    public Task UntrackConversation(string conversationId) => Forget(_conversations, conversationId);

    public Task UntrackQueue(string department) => Forget(_queues, department);

    public void QueueWait(string department, TimeSpan waited) =>
        _queueWait.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("supportchat.department", department));

    public void FirstResponse(string department, TimeSpan waited) =>
        _firstResponse.Record(Math.Max(0, waited.TotalSeconds), new KeyValuePair<string, object?>("supportchat.department", department));

    /// <summary><paramref name="role"/>: "Agent" or "Customer", as supportchat.role is elsewhere.</summary>
    public void GraceExpired(string role) => _graceExpired.Add(1, new KeyValuePair<string, object?>("supportchat.role", role));

    private IEnumerable<Measurement<long>> ObserveAgents()
    {
        long available = 0, away = 0;
        foreach (var read in _agents.Values)
        {
            switch (Read(read))
            {
                case true: available++; break;
                case false: away++; break;
            }
        }

        return
        [
            new(available, new KeyValuePair<string, object?>("supportchat.agent.status", "available")),
            new(away, new KeyValuePair<string, object?>("supportchat.agent.status", "away")),
        ];
    }

    private IEnumerable<Measurement<long>> ObserveConversations()
    {
        var counts = new Dictionary<(string, ConversationStatus), long>();
        foreach (var read in _conversations.Values)
        {
            if (Read(read) is { Status: ConversationStatus.Queued or ConversationStatus.Active } open)
            {
                counts[(open.Department, open.Status)] = counts.GetValueOrDefault((open.Department, open.Status)) + 1;
            }
        }

        return counts.Select(c => new Measurement<long>(c.Value,
            new KeyValuePair<string, object?>("supportchat.department", c.Key.Item1),
            new KeyValuePair<string, object?>("supportchat.conversation.state", c.Key.Item2 == ConversationStatus.Queued ? "queued" : "active")));
    }

    // Every department whose queue is active here, empty ones included: a queue that empties shows 0, not nothing.
    private IEnumerable<Measurement<long>> ObserveQueues() =>
        _queues.Select(q => new Measurement<long>(Read(q.Value), new KeyValuePair<string, object?>("supportchat.department", q.Key))).ToList();

    private static Task Forget<T>(ConcurrentDictionary<string, T> tracked, string key)
    {
        tracked.TryRemove(key, out _);
        return Task.CompletedTask;
    }

    /// <summary>A grain's state read off its turn: a read that catches it mid-change counts as nothing this time.</summary>
    private static T? Read<T>(Func<T> read)
    {
        try
        {
            return read();
        }
        catch (InvalidOperationException)
        {
            return default;
        }
    }
}
