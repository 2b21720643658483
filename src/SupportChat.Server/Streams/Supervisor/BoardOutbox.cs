using System.Threading.Channels;
using SupportChat.Grains.Board;

namespace SupportChat.Server.Streams.Supervisor;

/// <summary>
/// What one Watch stream has still to send, drained by its one writer loop. Bounded by coalescing rather than by
/// dropping the watcher: every change is the new state of one row, so a row changed again before the writer got to
/// it is sent once, as it is now (a slow watcher skips intermediate states, never ends up with a wrong one). At most
/// one change per row of the board waits here.
/// Changes are taken only when they follow the snapshot sent (same board activation, the next version); changes that
/// arrive before the snapshot are held until it comes. A gap or another activation asks for a new snapshot.
/// </summary>
internal sealed class BoardOutbox
{
    private readonly Lock _gate = new();
    private readonly Channel<bool> _doorbell = Doorbell();
    private readonly Channel<bool> _resync = Doorbell();
    private readonly OrderedDictionary<string, BoardChange> _pending = new(StringComparer.Ordinal);
    private readonly List<BoardChanges> _early = [];
    private BoardSnapshot? _snapshot;
    private bool _hasSnapshot;
    private Guid _epoch;
    private long _version;

    /// <summary>Rings when the board must be subscribed to again for a new snapshot.</summary>
    public ChannelReader<bool> ResyncRequests => _resync.Reader;

    /// <summary>The epoch of the board activation the stream follows (empty before the first snapshot).</summary>
    public Guid Epoch
    {
        get
        {
            lock (_gate)
            {
                return _epoch;
            }
        }
    }

    /// <summary>A snapshot replaces whatever is waiting: it holds all of it.</summary>
    public void Snapshot(BoardSnapshot snapshot)
    {
        lock (_gate)
        {
            _snapshot = snapshot;
            _pending.Clear();
            (_hasSnapshot, _epoch, _version) = (true, snapshot.Epoch, snapshot.Version);
            var early = _early.OrderBy(b => b.Version).ToList();
            _early.Clear();
            foreach (var batch in early.Where(b => b.Epoch == snapshot.Epoch && b.Version > snapshot.Version))
            {
                TakeLocked(batch);
            }
        }

        _doorbell.Writer.TryWrite(true);
    }

    public void Changes(BoardChanges batch)
    {
        lock (_gate)
        {
            if (!_hasSnapshot)
            {
                _early.Add(batch);
                return;
            }

            TakeLocked(batch);
        }

        _doorbell.Writer.TryWrite(true);
    }

    /// <summary>Waits until there is something to send; false once the stream is over.</summary>
    public async ValueTask<bool> WaitAsync(CancellationToken cancellationToken)
    {
        try
        {
            return await _doorbell.Reader.WaitToReadAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Everything waiting: a snapshot (or null) first, then one change per row, oldest first.</summary>
    public (BoardSnapshot? Snapshot, IReadOnlyList<BoardChange> Changes) Take()
    {
        _doorbell.Reader.TryRead(out _);
        lock (_gate)
        {
            var taken = (_snapshot, (IReadOnlyList<BoardChange>)[.. _pending.Values]);
            _snapshot = null;
            _pending.Clear();
            return taken;
        }
    }

    private void TakeLocked(BoardChanges batch)
    {
        if (batch.Epoch != _epoch || batch.Version > _version + 1)
        {
            // Another board activation, or a missed step: what is shown may be wrong until a new snapshot.
            _resync.Writer.TryWrite(true);
            return;
        }

        if (batch.Version <= _version)
        {
            return; // the snapshot already holds it
        }

        _version = batch.Version;
        foreach (var change in batch.Changes)
        {
            // Removed and added again: the row moves to the end, after the rows it may refer to.
            _pending.Remove(change.Key);
            _pending.Add(change.Key, change);
        }
    }

    private static Channel<bool> Doorbell() =>
        Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite, SingleReader = true });
}
