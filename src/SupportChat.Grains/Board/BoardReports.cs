using Microsoft.Extensions.Logging;

namespace SupportChat.Grains.Board;

/// <summary>
/// The conversation rows that changed only because a message was sent (who now waits for an answer), gathered on this
/// node and sent to the board together a moment later. In a lively conversation nearly every message flips who waits,
/// and a call to the board per message was a grain message and a board turn per chat message; the board now hears of
/// them at most <see cref="Delay"/> late, once per conversation. Rows carry their conversation's version, so a row sent
/// here after a newer one sent directly (an assignment, say) is ignored by the board. One per node (silo).
/// </summary>
public sealed class BoardReports(IGrainFactory grains, ILogger<BoardReports> logger)
{
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(250);

    private readonly Lock _lock = new();
    private Dictionary<string, ConversationBoardRow> _pending = new(StringComparer.Ordinal);
    private bool _scheduled;

    /// <summary>Keeps the row (the latest per conversation) for the next send, and schedules one if none is.</summary>
    public void Offer(ConversationBoardRow row)
    {
        lock (_lock)
        {
            if (_pending.TryGetValue(row.ConversationId, out var kept) && kept.Version > row.Version)
            {
                return;
            }

            _pending[row.ConversationId] = row;
            if (_scheduled)
            {
                return;
            }

            _scheduled = true;
        }

        // Off the calling grain's turn and context: the send is the node's, not that conversation's.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(SendLaterAsync);
        }
    }

    /// <summary>Never throws: the board is a view, and a lost batch is corrected by the conversations' next reports.</summary>
    private async Task SendLaterAsync()
    {
        try
        {
            await Task.Delay(Delay);
            Dictionary<string, ConversationBoardRow> rows;
            lock (_lock)
            {
                (rows, _pending, _scheduled) = (_pending, new Dictionary<string, ConversationBoardRow>(StringComparer.Ordinal), false);
            }

            await grains.GetGrain<ISupervisorBoardGrain>(ISupervisorBoardGrain.Key).ConversationsChanged([.. rows.Values]);
        }
        catch (Exception ex)
        {
            GrainLog.BoardReportFailed(logger, ex);
        }
    }
}
