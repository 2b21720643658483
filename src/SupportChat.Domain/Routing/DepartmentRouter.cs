namespace SupportChat.Domain.Routing;

/// <summary>
/// The routing state of one department: its waiting queue and what it knows of its agents' load.
/// Agent loads here are a cache; the agent itself has the final say when a match is reserved,
/// because an agent serving several departments shares one capacity across them.
/// </summary>
public sealed class DepartmentRouter(string department)
{
    private readonly Dictionary<string, AgentSlot> _agents = new(StringComparer.Ordinal);
    // What each waiting customer was last told: its position, whether an agent was available then, and whether the
    // department was offline (and until when).
    private readonly Dictionary<string, (int Position, bool NobodyAvailable, bool Offline, DateTimeOffset? OpensAt)> _notifiedPositions = new(StringComparer.Ordinal);
    // Waiting conversations that have waited while the department was offline: "left a message while offline".
    private readonly HashSet<string> _leftWhileOffline = new(StringComparer.Ordinal);
    private readonly WaitEstimator _estimator = new();

    public string Department { get; } = department;

    public WaitingQueue Queue { get; } = new();

    public IReadOnlyCollection<AgentSlot> Agents => _agents.Values;

    public void UpsertAgent(AgentSlot agent) => _agents[agent.AgentId] = agent;

    public void RemoveAgent(string agentId) => _agents.Remove(agentId);

    /// <summary>Outside its opening hours: nobody is matched, whoever is signed in.</summary>
    public bool Closed { get; private set; }

    /// <summary>When a closed department opens next (null while open, or always open).</summary>
    public DateTimeOffset? OpensAt { get; private set; }

    /// <summary>The department's opening hours as they stand now (the queue asks its schedule and tells the router).</summary>
    public void SetHours(bool open, DateTimeOffset? opensAt) => (Closed, OpensAt) = (!open, open ? null : opensAt);

    /// <summary>Nobody can answer now: the department is closed, or no agent of it is signed in (available or away).</summary>
    public bool Offline => Closed || _agents.Count == 0;

    /// <summary>How many of those waiting have waited while the department was offline (they left messages for
    /// later); they are routed first anyway, as the queue is in arrival order.</summary>
    public int OfflineWaiting
    {
        get
        {
            NoteOfflineWaiting();
            return Queue.Entries.Count(e => _leftWhileOffline.Contains(e.ConversationId));
        }
    }

    /// <summary>Adds a customer in arrival order; one already waiting (it came back) is told its position again.</summary>
    public int Enqueue(WaitingCustomer customer)
    {
        _notifiedPositions.Remove(customer.ConversationId);
        return Queue.Enqueue(customer);
    }

    public void EnqueueFront(WaitingCustomer customer)
    {
        _notifiedPositions.Remove(customer.ConversationId);
        Queue.EnqueueFront(customer);
    }

    public bool Cancel(string conversationId)
    {
        _notifiedPositions.Remove(conversationId);
        _leftWhileOffline.Remove(conversationId);
        return Queue.Remove(conversationId);
    }

    /// <summary>A waiting customer's stream dropped: it keeps its place but is not matched until it is back. True when
    /// that made it away (see <see cref="WaitingQueue"/> for the version).</summary>
    public bool MarkAway(string conversationId, long version) => Queue.MarkAway(conversationId, version);

    /// <summary>The customer is back where it was; true when it had been away (a match may now be possible).</summary>
    public bool MarkBack(string conversationId, long version) => Queue.MarkBack(conversationId, version);

    /// <summary>The first waiting customer that is not away and the agent it should go to, or null when either is
    /// missing.</summary>
    public (WaitingCustomer Customer, AgentSlot Agent)? NextMatch()
    {
        var next = Queue.FirstPresent();
        if (next is null || Closed)
        {
            return null;
        }

        var agent = RoutingPolicy.Choose(_agents.Values);
        return agent is null ? null : (next, agent);
    }

    /// <summary>The agent accepted: take the customer off the queue and count the conversation.</summary>
    public void CommitMatch(string conversationId, AgentSlot agentAfter, DateTimeOffset now)
    {
        Queue.Remove(conversationId);
        _notifiedPositions.Remove(conversationId);
        _leftWhileOffline.Remove(conversationId);
        _agents[agentAfter.AgentId] = agentAfter;
        _estimator.RecordAssignment(now);
    }

    /// <summary>The agent refused (full or away): remember its real state so routing moves on.</summary>
    public void RejectMatch(AgentSlot? agentNow, string agentId)
    {
        if (agentNow is null)
        {
            _agents.Remove(agentId);
        }
        else
        {
            _agents[agentId] = agentNow;
        }
    }

    /// <summary>No agent of the department is signed in and available (away counts as not), or the department is
    /// closed: nobody will take a customer until that changes, however fast the queue moved before.</summary>
    public bool NobodyAvailable => Closed || !_agents.Values.Any(a => a.Available);

    /// <summary>Waiting conversations whose position differs from the one they were last told, or that were told there
    /// was an agent available and now there is none (or the other way round). Customers away are left out: they have
    /// no stream to tell, and a queue that empties while most of it is away (say, after a burst of dropped joins) would
    /// otherwise send one notice per customer per departure. Back, they are told where they are then.</summary>
    public IReadOnlyList<(WaitingCustomer Customer, int Position, TimeSpan? EstimatedWait, bool NobodyAvailable, bool Offline, DateTimeOffset? OpensAt)> TakePositionChanges()
    {
        var changes = new List<(WaitingCustomer, int, TimeSpan?, bool, bool, DateTimeOffset?)>();
        var nobody = NobodyAvailable;
        var offline = Offline;
        NoteOfflineWaiting();
        for (var i = 0; i < Queue.Entries.Count; i++)
        {
            var entry = Queue.Entries[i];
            var position = i + 1;
            if ((_notifiedPositions.TryGetValue(entry.ConversationId, out var told) && told == (position, nobody, offline, OpensAt)) || Queue.IsAway(entry.ConversationId))
            {
                continue;
            }

            _notifiedPositions[entry.ConversationId] = (position, nobody, offline, OpensAt);
            changes.Add((entry, position, EstimateWait(position), nobody, offline, OpensAt));
        }

        return changes;
    }

    /// <summary>Null while there is no data to estimate from, and while nobody is available to move the queue.</summary>
    public TimeSpan? EstimateWait(int position) => NobodyAvailable ? null : _estimator.Estimate(position);

    private void NoteOfflineWaiting()
    {
        if (Offline)
        {
            _leftWhileOffline.UnionWith(Queue.Entries.Select(e => e.ConversationId));
        }
    }
}
