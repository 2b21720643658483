using Grpc.Core;
using SupportChat.Grains.Board;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;

namespace SupportChat.Server.Streams.Supervisor;

/// <summary>
/// One Watch stream: registers a watcher with the board, sends its snapshot, then the changes as they come, from
/// one writer loop (IServerStreamWriter is not thread safe); meanwhile renews the registration and takes a new
/// snapshot whenever the board was rebuilt (a node died) or the stream may have missed a change.
/// </summary>
internal sealed class BoardWatch(IGrainFactory grains, DepartmentCatalog departments, ILogger<BoardWatch> logger)
{
    /// <summary>Well within the board's expiry of watchers (two minutes).</summary>
    private static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);

    public async Task RunAsync(IServerStreamWriter<BoardUpdate> stream, CancellationToken cancellationToken)
    {
        var outbox = new BoardOutbox();
        // Orleans holds observer objects weakly: this local keeps it alive for as long as the stream runs.
        var observer = new BoardObserver(outbox);
        var reference = grains.CreateObjectReference<IBoardObserver>(observer);
        var board = grains.GetGrain<ISupervisorBoardGrain>(ISupervisorBoardGrain.Key);
        try
        {
            outbox.Snapshot(await board.Subscribe(reference, departments.All).WaitAsync(cancellationToken));
            using var done = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var write = WriteAsync(outbox, stream, done.Token);
            var renew = RenewAsync(board, reference, outbox, done.Token);
            await Task.WhenAny(write, renew);
            await done.CancelAsync();
            await Task.WhenAll(write, renew);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The watcher went away.
        }
        finally
        {
            await LeaveAsync(board, reference);
            GC.KeepAlive(observer);
        }
    }

    private static async Task WriteAsync(BoardOutbox outbox, IServerStreamWriter<BoardUpdate> stream, CancellationToken cancellationToken)
    {
        while (await outbox.WaitAsync(cancellationToken))
        {
            var (snapshot, changes) = outbox.Take();
            if (snapshot is not null)
            {
                await stream.WriteAsync(BoardMapper.Snapshot(snapshot), cancellationToken);
            }

            foreach (var change in changes)
            {
                await stream.WriteAsync(BoardMapper.Change(change), cancellationToken);
            }
        }
    }

    private async Task RenewAsync(ISupervisorBoardGrain board, IBoardObserver reference, BoardOutbox outbox, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            using var period = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            period.CancelAfter(RenewEvery);
            var resync = false;
            try
            {
                resync = await outbox.ResyncRequests.WaitToReadAsync(period.Token) && outbox.ResyncRequests.TryRead(out _);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                // The period is over: renew.
            }
            catch (OperationCanceledException)
            {
                return;
            }

            try
            {
                if (resync || await board.Renew(reference).WaitAsync(cancellationToken) != outbox.Epoch)
                {
                    BoardWatchLog.Resync(logger);
                    outbox.Snapshot(await board.Subscribe(reference, departments.All).WaitAsync(cancellationToken));
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The board may be moving to another node; the next period tries again.
                BoardWatchLog.BoardUnreachable(logger, ex);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task LeaveAsync(ISupervisorBoardGrain board, IBoardObserver reference)
    {
        try
        {
            await board.Unsubscribe(reference).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception ex)
        {
            BoardWatchLog.BoardUnreachable(logger, ex);
        }

        // Changes sent just before the unsubscribe may still be on their way: keep the target briefly (as ObserverLifetime does).
        _ = Task.Delay(Linger).ContinueWith(_ => grains.DeleteObjectReference<IBoardObserver>(reference), TaskScheduler.Default);
    }
}
