using System.Diagnostics;
using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;

namespace SupportChat.Bench.Workloads;

/// <summary>
/// Sends each participant's messages when <see cref="SoakSchedule"/> says they are due, from one loop on a short
/// periodic timer. The loop never waits for a send: it starts it (a participant's next send waits for its previous one,
/// so numbers go out in order) and keeps every participant's last send to await at the end.
/// </summary>
internal sealed class SoakSenders
{
    // Short enough that a send goes out at most this late (the latency is measured from when it is due), long enough
    // not to spend the load generator's share of the cores on waking up.
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(2);

    private readonly IReadOnlyList<IRelayEndpoint> _participants;
    private readonly int _maxMessages;
    private readonly long[] _sent;
    private readonly Task[] _sending;
    private readonly List<int> _due = [];
    private int _failed;

    public SoakSenders(IReadOnlyList<IRelayEndpoint> participants, int maxMessages)
    {
        _participants = participants;
        _maxMessages = maxMessages;
        _sent = new long[participants.Count];
        _sending = [.. Enumerable.Repeat(Task.CompletedTask, participants.Count)];
    }

    /// <summary>Messages started so far (read between runs of the loop).</summary>
    public long Sent { get; private set; }

    /// <summary>Sends whose write failed (the stream was gone); they show up as lost too.</summary>
    public int Failed => Volatile.Read(ref _failed);

    /// <summary>Sends what falls due until the Stopwatch timestamp <paramref name="until"/>.</summary>
    public async Task RunAsync(SoakSchedule schedule, long until, BenchProgress progress, CancellationToken token)
    {
        using var timer = new PeriodicTimer(Tick);
        var from = Stopwatch.GetTimestamp();
        var total = (long)Math.Ceiling(Stopwatch.GetElapsedTime(from, until).TotalSeconds);
        var shown = -1L;
        while (Stopwatch.GetTimestamp() < until && await timer.WaitForNextTickAsync(token))
        {
            if ((long)Stopwatch.GetElapsedTime(from).TotalSeconds is var second && second != shown)
            {
                shown = second;
                progress.Report(second, total);
            }

            _due.Clear();
            schedule.TakeDue(Math.Min(Stopwatch.GetTimestamp(), until), _due);
            foreach (var participant in _due)
            {
                Start(participant, token);
            }
        }

        progress.Done();
    }

    /// <summary>Waits for every started send to be written.</summary>
    public Task CompleteAsync() => Task.WhenAll(_sending);

    private void Start(int participant, CancellationToken token)
    {
        if (_sent[participant] == _maxMessages)
        {
            return; // cannot happen with the schedule's shortest gap; the receivers could not check more
        }

        var number = ++_sent[participant];
        Sent++;
        // The text carries the time it was started, so a send that waits for the one before it counts that wait as latency.
        var text = BenchText.Create(number, SoakSettings.Size);
        var previous = _sending[participant];
        _sending[participant] = previous.IsCompleted
            ? SendAsync(_participants[participant], number, text, token)
            : SendAfterAsync(previous, _participants[participant], number, text, token);
    }

    private async Task SendAfterAsync(Task previous, IRelayEndpoint endpoint, long number, string text, CancellationToken token)
    {
        await previous; // never faults: SendAsync counts failures instead of throwing
        await SendAsync(endpoint, number, text, token);
    }

    private async Task SendAsync(IRelayEndpoint endpoint, long number, string text, CancellationToken token)
    {
        try
        {
            await endpoint.SendAsync(number, text, token);
        }
        catch (Exception ex) when (ex is Grpc.Core.RpcException or OperationCanceledException or InvalidOperationException or ObjectDisposedException)
        {
            // The stream is gone: its receiver will miss this message, which the report shows as lost.
            Interlocked.Increment(ref _failed);
        }
    }
}
