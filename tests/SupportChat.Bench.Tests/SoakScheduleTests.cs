using SupportChat.Bench.Workloads;

namespace SupportChat.Bench.Tests;

/// <summary>The soak's pacing: every participant sends once per interval on average, at its own jittered times.</summary>
public sealed class SoakScheduleTests
{
    private const long Interval = 1_000;

    [Fact]
    public void Every_participant_is_first_due_within_the_first_interval_at_its_own_offset()
    {
        var schedule = new SoakSchedule(50, 0, Interval, new Random(7));
        var due = new List<int>();

        schedule.TakeDue(Interval - 1, due);

        // One whose offset was early may already be due again (gaps are from 80% of the interval).
        Assert.Equal(Enumerable.Range(0, 50), due.Distinct().Order());
        var early = new List<int>();
        new SoakSchedule(50, 0, Interval, new Random(7)).TakeDue(Interval / 2, early);
        Assert.InRange(early.Count, 1, 49); // spread over the interval, not all at its start
    }

    [Fact]
    public void Gaps_between_one_participants_sends_stay_within_the_jitter()
    {
        var schedule = new SoakSchedule(20, 0, Interval, new Random(11));
        var last = new long?[20];
        var due = new List<int>();
        for (var now = 0L; now <= 100 * Interval; now++)
        {
            due.Clear();
            schedule.TakeDue(now, due);
            foreach (var participant in due)
            {
                if (last[participant] is { } previous)
                {
                    Assert.InRange(now - previous, (long)(Interval * (1 - SoakSchedule.Jitter)), (long)(Interval * (1 + SoakSchedule.Jitter)));
                }

                last[participant] = now;
            }
        }
    }

    [Fact]
    public void A_late_caller_gets_every_missed_send_so_the_rate_holds()
    {
        var stepped = Count(new SoakSchedule(30, 0, Interval, new Random(3)), step: 1);
        var late = Count(new SoakSchedule(30, 0, Interval, new Random(3)), step: 5 * Interval);

        Assert.Equal(stepped, late);
        // 30 participants over 60 intervals: 30 x 60 on average, give or take the jitter of the last gap each.
        Assert.InRange(stepped, 30 * 58, 30 * 62);
    }

    private static int Count(SoakSchedule schedule, long step)
    {
        var due = new List<int>();
        for (var now = step; now <= 60 * Interval; now += step)
        {
            schedule.TakeDue(now, due);
        }

        return due.Count;
    }
}
