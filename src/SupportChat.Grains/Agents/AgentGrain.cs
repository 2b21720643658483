using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportChat.Domain;
using SupportChat.Domain.Events;
using SupportChat.Domain.Persistence;
using SupportChat.Grains.Board;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Metrics;
using SupportChat.Grains.Observers;
using SupportChat.Grains.Presence;
using SupportChat.Grains.Timers;

namespace SupportChat.Grains.Agents;

// Always active: presence and open conversations live in memory while the agent is signed in.
[CollectionAgeLimit(AlwaysActive = true)]
public sealed partial class AgentGrain(IChatStore store, TimeProvider time, IOptions<PresenceOptions> presence, ILogger<AgentGrain> logger, GrainMetrics metrics)
    : Grain, IAgentGrain
{
    private readonly List<string> _open = [];
    private AgentProfile? _profile;
    private IChatObserver? _observer;
    private bool _available;
    private DateTimeOffset _idleSince;
    private long _version;
    private OneShotTimer? _grace;
    private string? _restoredName;

    // Whether the feed last said the agent signed in (and not yet off): a new stream of an agent already signed in (a
    // reconnect within its grace period) is no new sign-in.
    private bool _signedIn;

    private bool Online => _observer is not null;

    private OneShotTimer Grace => _grace ??= new OneShotTimer(this, GiveUpAsync);

    private string AgentId => this.GetPrimaryKeyString();

    /// <summary>Who the agent is to customers: its profile's name once signed in; after a restart, until it signs in
    /// again, the name its conversations were assigned under (its id only when neither is known).</summary>
    private string DisplayName => _profile?.Name ?? _restoredName ?? AgentId;

    /// <summary>Queues keep the newest version of each agent they have seen; an activation that follows one lost with
    /// its node starts above anything the old one could have reached (clock ticks), or the queues would ignore it.</summary>
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _version = time.GetUtcNow().UtcTicks;
        metrics.TrackAgent(AgentId, () => Online ? _available : null);
        return Task.CompletedTask;
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) => metrics.UntrackAgent(AgentId);

    public async Task<AgentSnapshot?> Reattach(AgentProfile profile, IChatObserver observer, IReadOnlyList<string> claimed, bool available)
    {
        if (_observer is null)
        {
            return await SignInAsync(profile, observer, claimed, available);
        }

        if (!observer.Equals(_observer))
        {
            // A newer stream (on any node) signed in after this one: this one missed being told, and is told now. It
            // must not take the sign-in back.
            await observer.OnReplaced();
        }

        return null;
    }

    public Task<AgentSnapshot> SignIn(AgentProfile profile, IChatObserver observer, IReadOnlyList<string> claimed) =>
        SignInAsync(profile, observer, claimed, available: true);

    private async Task<AgentSnapshot> SignInAsync(AgentProfile profile, IChatObserver observer, IReadOnlyList<string> claimed, bool available)
    {
        // A client coming back after a restart names the conversations it had; those still assigned to this
        // agent are its own again even if their grains have not reported in yet.
        foreach (var conversationId in claimed.Where(id => !_open.Contains(id)))
        {
            if (await GrainFactory.GetGrain<IConversationGrain>(conversationId).IsAssignedTo(profile.AgentId))
            {
                _open.Add(conversationId);
            }
        }

        var dropped = _profile?.Departments.Except(profile.Departments).ToList() ?? [];
        var older = _observer is { } current && !current.Equals(observer) ? current : null;
        var wasAvailable = _available;
        _profile = profile;
        _observer = observer;
        _available = available;
        Grace.Stop();
        if (_open.Count == 0)
        {
            _idleSince = time.GetUtcNow();
        }

        GrainLog.AgentSignedIn(logger, profile.AgentId, string.Join(",", profile.Departments), profile.Capacity);
        if (!_signedIn)
        {
            _signedIn = true;
            await RecordAsync(AgentEvents.SignedIn(AgentId, profile.Name, available, time.UtcNowMs()));
        }
        else if (wasAvailable != available)
        {
            await RecordAsync(AgentEvents.StatusChanged(AgentId, profile.Name, available, time.UtcNowMs()));
        }

        if (older is not null)
        {
            // One live stream per agent: the older one (on any node) is closed, so it can send nothing more.
            await older.OnReplaced();
        }

        await PublishAsync(dropped);
        foreach (var department in profile.Departments)
        {
            await GrainFactory.GetGrain<IDepartmentQueueGrain>(department).ReportLengthTo(AgentId);
        }

        return Snapshot();
    }

    public async Task SignOff(IChatObserver observer)
    {
        if (_profile is null || !ReferenceEquals(observer, _observer) && !observer.Equals(_observer))
        {
            return; // a newer stream has taken over
        }

        GrainLog.AgentSignedOff(logger, _profile.AgentId, _open.Count);
        _observer = null;
        _available = false;
        Grace.Stop();
        await SignedOffAsync("signed off");
        await ReturnAllAsync($"{_profile.Name} left");
    }

    public async Task Disconnected(IChatObserver observer)
    {
        if (_observer is null || !observer.Equals(_observer))
        {
            return; // a newer stream has taken over, or the agent already signed off
        }

        _observer = null;
        await PublishAsync([]);

        // Also without open conversations: when the grace period runs out the feed records that the agent is gone.
        GrainLog.AgentAway(logger, AgentId, _open.Count, presence.Value.AgentGrace);
        Grace.Start(presence.Value.AgentGrace);
    }

    public async Task Restore(string conversationId, string? agentName)
    {
        _restoredName ??= agentName is { Length: > 0 } ? agentName : null;
        if (!_open.Contains(conversationId))
        {
            _open.Add(conversationId);
        }

        if (Online)
        {
            await CheckStream();
        }
        else
        {
            Grace.Start(presence.Value.AgentGrace);
        }
    }

    public async Task CheckStream()
    {
        if (_observer is { } observer && !await ObserverLiveness.IsAliveAsync(observer))
        {
            await Disconnected(observer);
        }

        // Asked after a node died: the board may have died with it and be rebuilding.
        await (_profile is null ? Task.CompletedTask : AgentBoardLink.ReportAsync(GrainFactory, Slot(), _profile.Departments));
    }

    private async Task GiveUpAsync()
    {
        if (Online)
        {
            return;
        }

        metrics.GraceExpired("Agent");
        GrainLog.AgentGone(logger, AgentId, _open.Count);
        await SignedOffAsync("connection lost");
        await ReturnAllAsync($"{DisplayName} lost connection");
    }

    private async Task SignedOffAsync(string reason)
    {
        if (_signedIn)
        {
            _signedIn = false;
            await RecordAsync(AgentEvents.SignedOff(AgentId, DisplayName, reason, time.UtcNowMs()));
        }
    }

    /// <summary>Stores a presence event for the feed, durable before the grain goes on.</summary>
    private Task RecordAsync(ChatEvent e) => store.RecordEventsAsync([e], CancellationToken.None);

    private async Task ReturnAllAsync(string reason)
    {
        var open = _open.ToList();
        _open.Clear();
        _idleSince = time.GetUtcNow();
        await PublishAsync([]);
        foreach (var conversationId in open)
        {
            await GrainFactory.GetGrain<IConversationGrain>(conversationId).ReturnToQueue(AgentId, reason);
        }
    }

    public async Task<AgentSnapshot> SetStatus(bool available, int capacity)
    {
        var profile = RequireProfile();
        if (capacity > 0)
        {
            _profile = profile with { Capacity = capacity };
        }

        var changed = _available != available;
        _available = available;
        if (changed)
        {
            await RecordAsync(AgentEvents.StatusChanged(AgentId, DisplayName, available, time.UtcNowMs()));
        }

        GrainLog.AgentStatusChanged(logger, AgentId, available ? "available" : "away", RequireProfile().Capacity);
        await PublishAsync([]);
        return Snapshot();
    }

    public Task<AgentSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task<ReserveResult> TryReserve(string conversationId, string department)
    {
        var profile = RequireProfile();
        var accepted = Online && _available && _open.Count < profile.Capacity && !_open.Contains(conversationId);
        if (accepted)
        {
            _open.Add(conversationId);
            await PublishAsync([], except: department);
        }

        return new ReserveResult(accepted, Slot(), profile.Title);
    }

    public async Task Release(string conversationId)
    {
        if (_open.Remove(conversationId))
        {
            if (_open.Count == 0)
            {
                _idleSince = time.GetUtcNow();
            }

            await PublishAsync([]);
        }
    }

    public Task NotifyAssigned(AssignmentView assignment) =>
        _observer is { } observer && _open.Contains(assignment.ConversationId)
            ? observer.OnAssigned(assignment)
            : Task.CompletedTask;

    public Task NotifyQueueLength(QueueLengthView length) =>
        _observer is { } observer && _profile?.Departments.Contains(length.Department) == true
            ? observer.OnQueueLength(length)
            : Task.CompletedTask;

    /// <summary>Tells every department queue the agent's new load (and the dropped ones that it left).</summary>
    private async Task PublishAsync(IReadOnlyList<string> droppedDepartments, string? except = null)
    {
        if (_profile is null)
        {
            return;
        }

        _version++;
        var slot = Slot();
        await AgentBoardLink.ReportAsync(GrainFactory, slot, _profile.Departments);
        foreach (var department in _profile.Departments)
        {
            if (department != except)
            {
                await GrainFactory.GetGrain<IDepartmentQueueGrain>(department).UpsertAgent(slot);
            }
        }

        foreach (var department in droppedDepartments)
        {
            await GrainFactory.GetGrain<IDepartmentQueueGrain>(department).UpsertAgent(slot with { Online = false });
        }
    }

    private AgentSlotUpdate Slot()
    {
        var profile = RequireProfile();
        return new AgentSlotUpdate(profile.AgentId, profile.Name, _open.Count, profile.Capacity, _available, _idleSince, _version, Online);
    }

    private AgentSnapshot Snapshot() => new(RequireProfile(), _available, _open.ToList());

    private AgentProfile RequireProfile() =>
        _profile ?? throw Domain.ChatException.FailedPrecondition($"agent {this.GetPrimaryKeyString()} is not signed in.");
}
