using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportChat.Domain.Hours;
using SupportChat.Domain.Routing;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Metrics;
using SupportChat.Grains.Timers;

namespace SupportChat.Grains.Queues;

// Always active: the queue lives in memory and must not be collected while customers wait.
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class DepartmentQueueGrain(
    TimeProvider time, IOptions<QueueOptions> options, IOptions<HoursOptions> hoursOptions, ILogger<DepartmentQueueGrain> logger, GrainMetrics metrics)
    : Grain, IDepartmentQueueGrain
{
    private readonly Dictionary<string, long> _agentVersions = new(StringComparer.Ordinal);
    private DepartmentRouter _router = null!;
    private readonly Dictionary<string, (int Waiting, int Offline)> _toldLength = new(StringComparer.Ordinal);
    private DateTimeOffset _publishedAt = DateTimeOffset.MinValue;
    private OneShotTimer? _publishLater;
    private OpeningHours? _hours;
    private OneShotTimer? _hoursChange;

    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _router = new DepartmentRouter(this.GetPrimaryKeyString());
        metrics.TrackQueue(_router.Department, () => _router.Queue.Count);
        _hours = hoursOptions.Value.Schedule().For(_router.Department);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => metrics.UntrackQueue(_router.Department);

    public async Task Enqueue(QueueEntry entry)
    {
        var waiting = new WaitingCustomer(entry.ConversationId, entry.CustomerName, entry.ArrivedAt);
        if (entry.Front)
        {
            _router.EnqueueFront(waiting);
        }
        else
        {
            _router.Enqueue(waiting);
        }

        await DispatchAsync();
    }

    public async Task Cancel(string conversationId)
    {
        if (_router.Cancel(conversationId))
        {
            await NotifyPositionsAsync();
            await PublishLengthAsync();
        }
    }

    public async Task UpsertAgent(AgentSlotUpdate update)
    {
        if (Apply(update))
        {
            await DispatchAsync();
        }
    }

    public Task CustomerAway(string conversationId, long version)
    {
        // Nothing else to do: positions are unchanged, and no match becomes possible.
        _router.MarkAway(conversationId, version);
        return Task.CompletedTask;
    }

    public async Task CustomerBack(string conversationId, long version)
    {
        if (_router.MarkBack(conversationId, version))
        {
            await DispatchAsync();
        }
    }

    public Task ReportLengthTo(string agentId) => TellLengthAsync(agentId, (_router.Queue.Count, _router.OfflineWaiting));

    public async Task CheckAgents()
    {
        foreach (var agent in _router.Agents.ToList())
        {
            await GrainFactory.GetGrain<IAgentGrain>(agent.AgentId).CheckStream();
        }
    }

    public Task<QueueStatus> GetStatus()
    {
        var online = _router.Agents.Where(a => a.Available).ToList();
        var free = online.Sum(a => Math.Max(0, a.Capacity - a.OpenConversations));
        var away = _router.Queue.Entries.Count(e => _router.Queue.IsAway(e.ConversationId));
        return Task.FromResult(new QueueStatus(_router.Department, _router.Queue.Count, online.Count, free, away));
    }

    /// <summary>Assigns the first waiting customer that is not away while an agent has room; each agent confirms before
    /// it counts.</summary>
    private async Task DispatchAsync()
    {
        ReadHours();
        while (_router.NextMatch() is { } match)
        {
            var (customer, agent) = match;
            var agentGrain = GrainFactory.GetGrain<IAgentGrain>(agent.AgentId);
            var reserve = await agentGrain.TryReserve(customer.ConversationId, _router.Department);
            Apply(reserve.Slot);
            if (!reserve.Accepted)
            {
                _router.RejectMatch(reserve.Slot.Online ? reserve.Slot.ToSlot() : null, agent.AgentId);
                continue;
            }

            // The conversation stores and announces the assignment on its own (one-way), so the queue goes on at
            // once instead of waiting for a commit per customer.
            _router.CommitMatch(customer.ConversationId, reserve.Slot.ToSlot(), time.GetUtcNow());
            await GrainFactory.GetGrain<IConversationGrain>(customer.ConversationId).AssignFromQueue(agent.AgentId, reserve.Slot.Name, reserve.Title);
        }

        await NotifyPositionsAsync();
        await PublishLengthAsync();
    }

    /// <summary>Tells each online agent of the department whose last figure is not the current one, at most once per
    /// interval: a change within the interval is sent when it ends, as the length is then. Kept per agent, because an
    /// agent told at sign-in may know a figure that was never published to the others.</summary>
    private async Task PublishLengthAsync()
    {
        var length = (_router.Queue.Count, _router.OfflineWaiting);
        var stale = _router.Agents.Select(a => a.AgentId).Where(id => _toldLength.GetValueOrDefault(id, (-1, -1)) != length).ToList();
        if (stale.Count == 0 || _publishLater is { IsRunning: true })
        {
            return;
        }

        var wait = _publishedAt + options.Value.QueueLengthInterval - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            (_publishLater ??= new OneShotTimer(this, PublishLengthAsync)).Start(wait);
            return;
        }

        _publishedAt = time.GetUtcNow();
        foreach (var agentId in stale)
        {
            await TellLengthAsync(agentId, length);
        }
    }

    /// <summary>One-way to the agent, remembering what it now knows.</summary>
    private Task TellLengthAsync(string agentId, (int Waiting, int Offline) length)
    {
        _toldLength[agentId] = length;
        return GrainFactory.GetGrain<IAgentGrain>(agentId).NotifyQueueLength(new QueueLengthView(_router.Department, length.Waiting, length.Offline));
    }

    /// <summary>Tells the router whether the department is open now, and wakes the queue when that next changes: at
    /// opening the waiting conversations are routed, at closing those still waiting are told.</summary>
    private void ReadHours()
    {
        if (_hours is null)
        {
            return;
        }

        var state = _hours.StateNow(time);
        _router.SetHours(state.Open, state.OpensAt);
        _hoursChange ??= new OneShotTimer(this, DispatchAsync);
        _hoursChange.Stop();
        // A moment past the change, so that the clock reads the new state when the timer fires.
        _hoursChange.Start(state.NextChange - time.GetUtcNow() + TimeSpan.FromMilliseconds(50));
    }

    private OfflineView? Offline(bool offline, DateTimeOffset? opensAt) => offline switch
    {
        false => null,
        true when opensAt is { } at && _hours is not null => new OfflineView(at, OfflineNotice.Closed(_hours, at)),
        true => new OfflineView(null, OfflineNotice.NobodySignedIn()),
    };

    // One-way calls: each completes as soon as it is sent.
    private async Task NotifyPositionsAsync()
    {
        foreach (var (customer, position, estimate, nobodyAvailable, offline, opensAt) in _router.TakePositionChanges())
        {
            GrainLog.Queued(logger, customer.ConversationId, _router.Department, position);
            await GrainFactory.GetGrain<IConversationGrain>(customer.ConversationId)
                .NotifyQueued(position, estimate, nobodyAvailable, Offline(offline, opensAt));
        }
    }

    /// <summary>Applies an agent update unless a newer one was already seen; true when it changed something.</summary>
    private bool Apply(AgentSlotUpdate update)
    {
        if (_agentVersions.TryGetValue(update.AgentId, out var known) && known >= update.Version)
        {
            return false;
        }

        _agentVersions[update.AgentId] = update.Version;
        if (update.Online)
        {
            _router.UpsertAgent(update.ToSlot());
        }
        else
        {
            _router.RemoveAgent(update.AgentId);
            _toldLength.Remove(update.AgentId); // told again when it comes back
        }

        return true;
    }
}
