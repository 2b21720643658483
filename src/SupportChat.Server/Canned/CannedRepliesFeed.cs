using SupportChat.Grains.Canned;
using SupportChat.Protocol.V1;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Canned;

/// <summary>
/// This node's copy of the team's canned replies, and the agents signed in here who get them. One registration with
/// <see cref="ICannedRepliesGrain"/> per node (not one per agent): the grain tells it of every change, and it posts
/// the new list to each agent's stream. Every Ready carries the list; the list a stream gets and the changes it gets
/// are posted under one lock, so a stream never sees an older list after a newer one. The registration is renewed
/// every <see cref="RenewEvery"/>, which also takes the list again: a change missed while the grain moved (a node
/// died) reaches the agents then.
/// </summary>
internal sealed class CannedRepliesFeed(IGrainFactory grains, ILogger<CannedRepliesFeed> logger) : BackgroundService, ICannedRepliesObserver
{
    /// <summary>Well within the grain's expiry of observers (two minutes).</summary>
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan RetryEvery = TimeSpan.FromSeconds(2);

    /// <summary>How long a sign-in waits for the list before it goes on without it.</summary>
    private static readonly TimeSpan SignInPatience = TimeSpan.FromSeconds(5);

    private readonly Lock _gate = new();
    private readonly HashSet<ParticipantSession> _agents = [];
    private IReadOnlyList<CannedReplyView> _current = [];
    private bool _loaded;
    private ICannedRepliesObserver? _reference;

    private ICannedRepliesGrain Grain => grains.GetGrain<ICannedRepliesGrain>(ICannedRepliesGrain.Key);

    /// <summary>Before the first agent's Ready: the list, if this node has not got it yet. A grain that cannot be reached
    /// does not keep the agent out: it signs in with the list as it is, and gets the real one as a change later.</summary>
    public async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _loaded))
        {
            return;
        }

        try
        {
            await RefreshAsync(cancellationToken).WaitAsync(SignInPatience, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            CannedLog.Unreachable(logger, ex);
        }
    }

    /// <summary>An agent's stream starts hearing of changes; its Ready, made with the list as it is now, goes first.</summary>
    public void Join(ParticipantSession session, Func<IReadOnlyList<CannedReplyView>, ServerEvent> ready)
    {
        lock (_gate)
        {
            _agents.Add(session);
            session.Post(new PlainInput(ready(_current)));
        }
    }

    /// <summary>A Ready again (a change of status): with the list as it is now, in order with the changes.</summary>
    public void Post(ParticipantSession session, Func<IReadOnlyList<CannedReplyView>, ServerEvent> ready)
    {
        lock (_gate)
        {
            session.Post(new PlainInput(ready(_current)));
        }
    }

    public void Leave(ParticipantSession session)
    {
        lock (_gate)
        {
            _agents.Remove(session);
        }
    }

    /// <summary>Called by the grain after each change.</summary>
    public Task Changed(IReadOnlyList<CannedReplyView> replies)
    {
        Update(replies);
        return Task.CompletedTask;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var wait = RenewEvery;
                try
                {
                    await RefreshAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    CannedLog.Unreachable(logger, ex);
                    wait = RetryEvery;
                }

                await Task.Delay(wait, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The server stops.
        }
        finally
        {
            await LeaveGrainAsync();
        }
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        ICannedRepliesObserver reference;
        lock (_gate)
        {
            // Orleans holds the target weakly: this singleton is it, so it lives as long as the server.
            reference = _reference ??= grains.CreateObjectReference<ICannedRepliesObserver>(this);
        }

        Update(await Grain.Subscribe(reference).WaitAsync(cancellationToken));
    }

    private void Update(IReadOnlyList<CannedReplyView> replies)
    {
        lock (_gate)
        {
            if (_loaded && _current.SequenceEqual(replies))
            {
                return; // a renewal with nothing new, or a change heard both ways
            }

            _current = replies;
            Volatile.Write(ref _loaded, true);
            if (_agents.Count == 0)
            {
                return;
            }

            var changed = new ServerEvent { CannedRepliesChanged = new CannedRepliesChanged { Replies = { CannedMapper.ToWire(replies) } } };
            foreach (var agent in _agents)
            {
                agent.Post(new PlainInput(changed));
            }
        }
    }

    private async Task LeaveGrainAsync()
    {
        var reference = _reference;
        if (reference is null)
        {
            return;
        }

        try
        {
            await Grain.Unsubscribe(reference).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex)
        {
            CannedLog.Unreachable(logger, ex); // the grain drops it after its expiry anyway
        }
    }
}
