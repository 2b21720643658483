using SupportChat.Client.Events;

namespace SupportChat.Client.Delivery;

/// <summary>
/// Go-back-N for a session's sends. The server stores a sender's messages in the order its stream sent them: once it
/// refuses a send for a passing reason, it refuses ("holds back") every later send of that conversation until the
/// refused one comes again. So a refusal holds the writer: it takes nothing new from the outbox (whatever the
/// conversation, which keeps the rule simple and other commands behind the sends queued before them) until a jittered
/// back-off has passed and it has written again, in the order they were first made, the earliest refused send and
/// every send written after it that is not acknowledged yet. A held-back refusal of a later send is one more refusal
/// of the same hold: it joins the round, it starts no back-off of its own.
/// </summary>
/// <remarks>
/// Each write of a send is answered exactly once, by an ack or an error. A refusal that leaves another write of the
/// same send outstanding answers an older copy (typically a held-back refusal that arrives after its resend): the
/// newer write's answer will tell, so it is ignored rather than starting another round.
/// </remarks>
internal sealed class ResendWindow(PendingSends pending, TimeProvider time)
{
    /// <summary>Rounds a send may lead before the application is told that it and the sends after it are held.</summary>
    public const int HeldNoticeAfter = 5;

    private readonly Lock _gate = new();
    private readonly Random _jitter = new();
    private PendingSend? _head;
    private object? _holdId;
    private ITimer? _backoff;
    private bool _closed;

    /// <summary>Completed when the current hold's back-off is over; replaced once that round is taken.</summary>
    private TaskCompletionSource _roundDue = NewSignal();

    /// <summary>True while a refusal holds new sends back; <paramref name="roundDue"/> completes once the back-off is
    /// over (before that, when not holding, it completes when the next hold's back-off is).</summary>
    public bool IsHolding(out Task roundDue)
    {
        lock (_gate)
        {
            roundDue = _roundDue.Task;
            return _head is not null;
        }
    }

    /// <summary>A send is about to be written for the first time on this stream.</summary>
    public void Writing(PendingSend send)
    {
        lock (_gate)
        {
            send.InFlight++;
        }
    }

    /// <summary>A new stream: the server knows nothing of the last one's refusals, so the hold ends and every send
    /// written but not acknowledged goes out again first, in order.</summary>
    public IReadOnlyList<PendingSend> Restart()
    {
        lock (_gate)
        {
            EndHold();
            foreach (var send in pending.All)
            {
                send.InFlight = 0;
            }

            return CountWrites(pending.Unacknowledged());
        }
    }

    /// <summary>The server refused a pending send for a passing reason (reader side). Starts a hold with its back-off
    /// unless one is on; returns the notice for the application when this send has led
    /// <see cref="HeldNoticeAfter"/> rounds in vain (once per send).</summary>
    public ServerError? Refused(PendingSend send, string code)
    {
        lock (_gate)
        {
            if (_closed || (send.InFlight > 0 && --send.InFlight > 0))
            {
                return null;
            }

            if (_head is null)
            {
                _head = send;
                _holdId = new object();
                _backoff = time.CreateTimer(BackoffOver, _holdId, Backoff.Delay(send.Retries + 1, _jitter), Timeout.InfiniteTimeSpan);
            }
            else if (send.Order < _head.Order)
            {
                _head = send;
            }

            if (send.Retries < HeldNoticeAfter || send.HeldNoticed)
            {
                return null;
            }

            send.HeldNoticed = true;
            var message = $"the server has not stored this message after {send.Retries + 1} tries; it and every message sent after it "
                + "are held and go out again, in order, until it is stored or the session ends.";
            return new ServerError(code, message, send.ClientMsgId, send.ConversationId);
        }
    }

    /// <summary>The sends to write again now, in the order they were made, once the back-off is over (taking them ends
    /// the hold); null otherwise.</summary>
    public IReadOnlyList<PendingSend>? TakeRound()
    {
        lock (_gate)
        {
            if (!_roundDue.Task.IsCompleted || _head is not { } head)
            {
                return null;
            }

            head.Retries++;
            EndHold();
            return CountWrites(pending.WrittenFrom(head.Order));
        }
    }

    /// <summary>The session is over: no more rounds.</summary>
    public void Close()
    {
        lock (_gate)
        {
            _closed = true;
            EndHold();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Counts the writes before they happen, under the lock, so that the answer to an older copy arriving
    /// meanwhile is already seen as stale.</summary>
    private static IReadOnlyList<PendingSend> CountWrites(IReadOnlyList<PendingSend> sends)
    {
        foreach (var send in sends)
        {
            send.InFlight++;
        }

        return sends;
    }

    private void BackoffOver(object? hold)
    {
        lock (_gate)
        {
            // A timer of a hold that has ended since (a new stream, the session closed) says nothing.
            if (ReferenceEquals(hold, _holdId) && _head is not null)
            {
                _roundDue.TrySetResult();
            }
        }
    }

    private void EndHold()
    {
        _backoff?.Dispose();
        _backoff = null;
        _holdId = null;
        _head = null;
        if (_roundDue.Task.IsCompleted)
        {
            // Spent on the round just taken; a writer waiting for the next hold waits on a fresh one.
            _roundDue = NewSignal();
        }
    }
}
