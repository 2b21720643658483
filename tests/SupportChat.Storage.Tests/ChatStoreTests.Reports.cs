using SupportChat.Domain.Conversations;
using SupportChat.Domain.Reports;

namespace SupportChat.Storage.Tests;

/// <summary>
/// Reports over a scripted day, checked against a count by hand, on both stores. The day (UTC):
/// <list type="bullet">
/// <item>c1 billing: joins 09:00, Ada picks it up 09:02 (wait 120 s), answers 09:03 (60 s), 2 + 2 messages, the customer
/// ends it 09:20 (handling 1,080 s), rates 5 at 09:21.</item>
/// <item>c2 billing: joins 09:05, writes 09:05:30 while waiting, Bob picks it up 09:06 (60 s), answers 09:06:30 (30 s),
/// transfers it to tech 09:10 (handling 240 s); Cy picks it up 09:15 (300 s), answers 09:16 (60 s), the customer writes
/// 09:20, Cy ends it 09:30 (900 s), rated 3 at 09:31.</item>
/// <item>c3 billing: joins 09:40, writes 09:41, leaves the queue 09:45 (abandoned), with a system notice.</item>
/// <item>c4 tech spans midnight: joins the day before at 23:50, writes 00:05, Cy picks it up 00:10 (1,200 s), answers
/// 00:11 (60 s), ends 00:30 (1,200 s).</item>
/// <item>c5 billing: joins 23:55 and is still waiting at the end of the day.</item>
/// </list>
/// </summary>
public abstract partial class ChatStoreTests
{
    private static readonly DateTimeOffset Day = new(2026, 11, 10, 0, 0, 0, TimeSpan.Zero);

    private static DateTimeOffset At(int hour, int minute, int second = 0) => Day.AddHours(hour).AddMinutes(minute).AddSeconds(second);

    [Fact]
    public async Task Report_over_the_day_counts_each_figure_when_it_happened()
    {
        await ScriptTheDayAsync();

        var report = await Store.ReportAsync(new ReportQuery(Day, Day.AddDays(1), ReportGrouping.None), None);

        Assert.Empty(report.Rows);
        // Waits 60, 120, 300, 1,200; first responses 30, 60, 60, 60; handling 240, 900, 1,080, 1,200; c4 joined the day before.
        Assert.Equal(new ReportRow(null, null, Conversations: 4, Served: 3, Abandoned: 1, WaitMedian: 210, WaitP90: 1200,
            FirstResponseMedian: 60, HandlingMedian: 990, Messages: 11, RatingAverage: 4, RatingCount: 2), report.Total);
    }

    [Fact]
    public async Task Report_by_agent_gives_a_transferred_conversation_to_both_agents_and_the_rating_to_the_last()
    {
        await ScriptTheDayAsync();

        var report = await Store.ReportAsync(new ReportQuery(Day, Day.AddDays(1), ReportGrouping.Agent), None);

        Assert.Equal(
        [
            new ReportRow("ada", "Ada", null, 1, null, 120, 120, 60, 1080, 2, 5, 1),
            new ReportRow("bob", "Bob", null, 1, null, 60, 60, 30, 240, 1, null, 0),
            new ReportRow("cy", "Cy", null, 2, null, 750, 1200, 60, 1050, 2, 3, 1),
        ], report.Rows);
        Assert.Equal(3, report.Total.Served);
    }

    [Fact]
    public async Task Report_by_department_follows_a_transfer_and_splits_its_messages_at_it()
    {
        await ScriptTheDayAsync();

        var report = await Store.ReportAsync(new ReportQuery(Day, Day.AddDays(1), ReportGrouping.Department), None);

        Assert.Equal(
        [
            new ReportRow("billing", null, 4, 2, 1, 90, 120, 45, 660, 7, 5, 1),
            new ReportRow("tech", null, 0, 2, 0, 750, 1200, 60, 1050, 4, 3, 1),
        ], report.Rows);
    }

    [Fact]
    public async Task Report_by_day_has_every_day_of_the_period_and_splits_a_conversation_over_midnight()
    {
        await ScriptTheDayAsync();

        var report = await Store.ReportAsync(new ReportQuery(Day.AddDays(-2), Day.AddDays(1), ReportGrouping.Day), None);

        Assert.Equal(["2026-11-08", "2026-11-09", "2026-11-10"], report.Rows.Select(r => r.Group));
        Assert.Equal(ReportRow.Empty("2026-11-08", null, ReportGrouping.Day), report.Rows[0]);
        Assert.Equal(ReportRow.Empty("2026-11-09", null, ReportGrouping.Day) with { Conversations = 1 }, report.Rows[1]);
        Assert.Equal(report.Rows[2] with { Group = null }, (await Store.ReportAsync(new ReportQuery(Day, Day.AddDays(1), ReportGrouping.None), None)).Total);
        Assert.Equal(5, report.Total.Conversations);
    }

    [Fact]
    public async Task Report_over_part_of_the_day_counts_only_what_completed_in_it()
    {
        await ScriptTheDayAsync();

        // 09:00–09:12: c1 and c2 join and are picked up; Ada and Bob answer; Bob's part ends with the transfer.
        var report = await Store.ReportAsync(new ReportQuery(At(9, 0), At(9, 12), ReportGrouping.None), None);

        Assert.Equal(new ReportRow(null, null, 2, 2, 0, 90, 120, 45, 240, 6, null, 0), report.Total);
    }

    [Fact]
    public async Task Report_of_an_empty_store_is_all_zeros()
    {
        var report = await Store.ReportAsync(new ReportQuery(Day, Day.AddDays(1), ReportGrouping.Agent), None);

        Assert.Empty(report.Rows);
        Assert.Equal(ReportRow.Empty(null, null, ReportGrouping.None), report.Total);
    }

    private async Task ScriptTheDayAsync()
    {
        var day = new ScriptedDay(Store);
        await day.JoinAsync("c4", "tech", At(-1, 50));
        await day.CustomerWritesAsync("c4", At(0, 5));
        await day.AssignAsync("c4", "cy", "Cy", At(0, 10));
        await day.AgentWritesAsync("c4", At(0, 11));
        await day.EndAsync("c4", EndedBy.Agent, "solved", At(0, 30));

        await day.JoinAsync("c1", "billing", At(9, 0));
        await day.AssignAsync("c1", "ada", "Ada", At(9, 2));
        await day.AgentWritesAsync("c1", At(9, 3));
        await day.JoinAsync("c2", "billing", At(9, 5));
        await day.CustomerWritesAsync("c1", At(9, 4));
        await day.CustomerWritesAsync("c2", At(9, 5, 30));
        await day.AssignAsync("c2", "bob", "Bob", At(9, 6));
        await day.AgentWritesAsync("c2", At(9, 6, 30));
        await day.CustomerWritesAsync("c1", At(9, 8));
        await day.AgentWritesAsync("c1", At(9, 9));
        await day.TransferAsync("c2", "tech", At(9, 10));
        await day.SystemWritesAsync("c2", At(9, 10));
        await day.AssignAsync("c2", "cy", "Cy", At(9, 15));
        await day.AgentWritesAsync("c2", At(9, 16));
        await day.CustomerWritesAsync("c2", At(9, 20));
        await day.EndAsync("c1", EndedBy.Customer, "thanks", At(9, 20));
        await day.RateAsync("c1", 5, At(9, 21));
        await day.EndAsync("c2", EndedBy.Agent, "solved", At(9, 30));
        await day.RateAsync("c2", 3, At(9, 31));

        await day.JoinAsync("c3", "billing", At(9, 40));
        await day.CustomerWritesAsync("c3", At(9, 41));
        await day.EndAsync("c3", EndedBy.System, "abandoned: the customer did not come back within 60 s", At(9, 45));
        await day.SystemWritesAsync("c3", At(9, 45));

        await day.JoinAsync("c5", "billing", At(23, 55));
    }
}
