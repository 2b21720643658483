using Microsoft.Extensions.Logging;
using Orleans.Utilities;
using SupportChat.Domain.Persistence;

namespace SupportChat.Grains.Board;

/// <summary>
/// Keeps the board (<see cref="BoardState"/>) and pushes each change to its watchers. Rebuilt when it activates: open
/// conversations from the store (the grains' reports replace them as they come: a live conversation reports when it
/// activates or recovers, an agent when it signs in, re-attaches or is checked after a node died), today's figures
/// from the store's ended and rated conversations.
/// </summary>
// Always active: the board lives in memory, and watchers may be few and far between.
[CollectionAgeLimit(AlwaysActive = true)]
public sealed class SupervisorBoardGrain(IChatStore store, TimeProvider time, ILogger<SupervisorBoardGrain> logger)
    : Grain, ISupervisorBoardGrain
{
    /// <summary>Watchers renew well within this (the edge every 30 s); one that stops is dropped after it.</summary>
    private static readonly TimeSpan WatcherExpiry = TimeSpan.FromMinutes(2);

    private readonly Guid _epoch = Guid.NewGuid();
    private BoardState _state = null!;
    private ObserverManager<IBoardObserver> _watchers = null!;

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _watchers = new ObserverManager<IBoardObserver>(WatcherExpiry, logger);
        _state = new BoardState(time.GetUtcNow());
        try
        {
            // Every conversation, for today's figures: once per activation (a report query would need SQL of its own).
            _state.Load(await store.ListOpenConversationsAsync(cancellationToken), await store.ListConversationsAsync(0, cancellationToken));
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // An empty board that fills from the grains' reports is better than no board.
            BoardLog.LoadFailed(logger, ex);
        }

        // At midnight (UTC) today's figures start again, even when nothing happens then.
        this.RegisterGrainTimer(_ => Publish(_state.Tick(time.GetUtcNow())),
            new GrainTimerCreationOptions { DueTime = TimeSpan.FromSeconds(30), Period = TimeSpan.FromSeconds(30), Interleave = false });
    }

    public Task<BoardSnapshot> Subscribe(IBoardObserver observer, IReadOnlyList<string> departments)
    {
        // Changes made here go to the watchers registered before this one; the new one has them in its snapshot.
        Publish(_state.Tick(time.GetUtcNow()));
        Publish(_state.AddDepartments(departments));
        _watchers.Subscribe(observer, observer);
        return Task.FromResult(_state.Snapshot(_epoch, time.GetUtcNow()));
    }

    public Task<Guid> Renew(IBoardObserver observer)
    {
        if (!_watchers.Observers.ContainsKey(observer))
        {
            return Task.FromResult(Guid.Empty); // expired (it may have missed changes): it subscribes again
        }

        _watchers.Subscribe(observer, observer);
        return Task.FromResult(_epoch);
    }

    public Task Unsubscribe(IBoardObserver observer)
    {
        _watchers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    public Task ConversationChanged(ConversationBoardRow row) => Publish(_state.Conversation(row));

    public Task ConversationsChanged(IReadOnlyList<ConversationBoardRow> rows) => Publish([.. rows.SelectMany(_state.Conversation)]);

    public Task ConversationEnded(ConversationEndedReport report) => Publish(_state.Ended(report));

    public Task AgentChanged(AgentBoardReport report) => Publish(_state.Agent(report));

    public Task Rated(RatingReport report) => Publish(_state.Rated(report));

    private Task Publish(IReadOnlyList<BoardChange> changes)
    {
        if (changes.Count > 0)
        {
            var batch = new BoardChanges(_epoch, _state.Version, changes);
            // One-way calls: a slow or vanished watcher never holds the board up.
            _watchers.Notify(watcher => watcher.OnChanges(batch));
        }

        return Task.CompletedTask;
    }
}
