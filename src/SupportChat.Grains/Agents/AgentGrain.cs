using Microsoft.Extensions.Logging;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Conversations;
using SupportChat.Grains.Observers;
using SupportChat.Grains.Queues;

namespace SupportChat.Grains.Agents;

// Always active: presence and open conversations live in memory while the agent is signed in.
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class AgentGrain(TimeProvider time, ILogger<AgentGrain> logger) : Grain, IAgentGrain
{
    private readonly List<string> _open = [];
    private AgentProfile? _profile;
    private IChatObserver? _observer;
    private bool _available;
    private DateTimeOffset _idleSince;
    private long _version;

    private bool Online => _observer is not null;

    public async Task<AgentSnapshot> SignIn(AgentProfile profile, IChatObserver observer)
    {
        var dropped = _profile?.Departments.Except(profile.Departments).ToList() ?? [];
        _profile = profile;
        _observer = observer;
        _available = true;
        if (_open.Count == 0)
        {
            _idleSince = time.GetUtcNow();
        }

        GrainLog.AgentSignedIn(logger, profile.AgentId, string.Join(",", profile.Departments), profile.Capacity);
        await PublishAsync(dropped);
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
        var open = _open.ToList();
        _open.Clear();
        await PublishAsync([]);
        foreach (var conversationId in open)
        {
            await GrainFactory.GetGrain<IConversationGrain>(conversationId)
                .ReturnToQueue(_profile.AgentId, $"{_profile.Name} left");
        }
    }

    public async Task<AgentSnapshot> SetStatus(bool available, int capacity)
    {
        var profile = RequireProfile();
        if (capacity > 0)
        {
            _profile = profile with { Capacity = capacity };
        }

        _available = available;
        await PublishAsync([]);
        return Snapshot();
    }

    public Task<AgentSnapshot> GetSnapshot() => Task.FromResult(Snapshot());

    public async Task<ReserveResult> TryReserve(string conversationId)
    {
        var profile = RequireProfile();
        var accepted = Online && _available && _open.Count < profile.Capacity && !_open.Contains(conversationId);
        if (accepted)
        {
            _open.Add(conversationId);
            await PublishAsync([]);
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

    /// <summary>Tells every department queue the agent's new load (and the dropped ones that it left).</summary>
    private async Task PublishAsync(IReadOnlyList<string> droppedDepartments)
    {
        if (_profile is null)
        {
            return;
        }

        _version++;
        var slot = Slot();
        foreach (var department in _profile.Departments)
        {
            await GrainFactory.GetGrain<IDepartmentQueueGrain>(department).UpsertAgent(slot);
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
