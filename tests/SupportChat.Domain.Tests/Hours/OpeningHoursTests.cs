using SupportChat.Domain.Hours;

namespace SupportChat.Domain.Tests.Hours;

public class OpeningHoursTests
{
    private static readonly OpeningHours Amsterdam = OpeningHours.Parse("Mon-Fri 09:00-12:00,13:00-17:00 Europe/Amsterdam");

    // 2026-11-23 is a Monday; Amsterdam is UTC+1 in winter.
    [Theory]
    [InlineData("2026-11-23T08:00:00Z", true)]   // 09:00 local: opens
    [InlineData("2026-11-23T07:59:59Z", false)]
    [InlineData("2026-11-23T11:30:00Z", false)]  // 12:30 local: lunch
    [InlineData("2026-11-23T15:59:00Z", true)]
    [InlineData("2026-11-23T16:00:00Z", false)]  // 17:00 local: closed (end is exclusive)
    [InlineData("2026-11-28T10:00:00Z", false)]  // Saturday
    public void IsOpen_LocalWallClock_FollowsRanges(string utc, bool open) =>
        Assert.Equal(open, Amsterdam.IsOpen(DateTimeOffset.Parse(utc)));

    [Fact]
    public void StateNow_FridayEvening_OpensMondayMorningAcrossTheWeekend()
    {
        var friday = new FixedTime(DateTimeOffset.Parse("2026-11-27T20:00:00Z"));

        var state = Amsterdam.StateNow(friday);

        Assert.False(state.Open);
        Assert.Equal(DateTimeOffset.Parse("2026-11-30T08:00:00Z"), state.OpensAt);
        Assert.Equal(state.OpensAt, state.NextChange);
    }

    [Fact]
    public void StateNow_Open_NoOpeningAndNextChangeIsTheClosing()
    {
        var state = Amsterdam.StateNow(new FixedTime(DateTimeOffset.Parse("2026-11-23T09:00:00Z")));

        Assert.True(state.Open);
        Assert.Null(state.OpensAt);
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T11:00:00Z"), state.NextChange); // 12:00 local
    }

    [Fact]
    public void StateAt_Lunch_OpensAfterLunchTheSameDay() =>
        Assert.Equal(DateTimeOffset.Parse("2026-11-23T12:00:00Z"), Amsterdam.StateAt(DateTimeOffset.Parse("2026-11-23T11:30:00Z")).OpensAt);

    [Fact]
    public void OpensAfter_SpringForward_KeepsLocalNineOClockAtTheNewOffset()
    {
        // Sunday 2026-03-29 the Netherlands move from +01:00 to +02:00; Monday opens at 09:00 summer time.
        var sunday = DateTimeOffset.Parse("2026-03-29T12:00:00Z");

        Assert.Equal(DateTimeOffset.Parse("2026-03-30T07:00:00Z"), Amsterdam.OpensAfter(sunday));
    }

    [Fact]
    public void OpensAfter_FallBack_KeepsLocalNineOClockAtTheNewOffset()
    {
        var sunday = DateTimeOffset.Parse("2026-10-25T12:00:00Z");

        Assert.Equal(DateTimeOffset.Parse("2026-10-26T08:00:00Z"), Amsterdam.OpensAfter(sunday));
    }

    [Fact]
    public void OpensAfter_StartInTheSkippedHour_OpensWhenTheClocksJump()
    {
        var night = OpeningHours.Parse("Sun 02:30-04:00 Europe/Amsterdam");

        // 02:30 does not exist on 2026-03-29; the clocks jump from 02:00 to 03:00 (01:00 UTC).
        var opens = night.OpensAfter(DateTimeOffset.Parse("2026-03-28T12:00:00Z"));

        Assert.Equal(DateTimeOffset.Parse("2026-03-29T01:00:00Z"), opens);
        Assert.True(night.IsOpen(opens));
    }

    [Fact]
    public void OpensAfter_StartInTheRepeatedHour_TakesTheFirstOccurrence()
    {
        var night = OpeningHours.Parse("Sun 02:30-04:00 Europe/Amsterdam");

        // 02:30 happens twice on 2026-10-25: first at +02:00 (00:30 UTC).
        Assert.Equal(DateTimeOffset.Parse("2026-10-25T00:30:00Z"), night.OpensAfter(DateTimeOffset.Parse("2026-10-24T12:00:00Z")));
    }

    [Fact]
    public void Days_SpanPastSaturday_WrapsAroundTheWeek()
    {
        var weekend = OpeningHours.Parse("Fri-Mon 10:00-14:00 UTC");

        Assert.Equal(
            [DayOfWeek.Friday, DayOfWeek.Saturday, DayOfWeek.Sunday, DayOfWeek.Monday],
            weekend.Ranges.Select(r => r.Day));
        // From Monday afternoon the next opening is Friday.
        Assert.Equal(DateTimeOffset.Parse("2026-11-27T10:00:00Z"), weekend.OpensAfter(DateTimeOffset.Parse("2026-11-23T15:00:00Z")));
    }

    [Fact]
    public void OpensAfter_SaturdayOnly_FindsNextWeeksSaturday()
    {
        var saturday = OpeningHours.Parse("Sat 10:00-11:00 UTC");

        Assert.Equal(DateTimeOffset.Parse("2026-12-05T10:00:00Z"), saturday.OpensAfter(DateTimeOffset.Parse("2026-11-28T11:00:00Z")));
    }

    [Fact]
    public void ClosesAfter_MidnightSplitRange_StaysOpenOverMidnight()
    {
        var late = OpeningHours.Parse("Fri 22:00-24:00 Sat 00:00-02:00 UTC");
        var fridayNight = DateTimeOffset.Parse("2026-11-27T23:00:00Z");

        Assert.True(late.IsOpen(fridayNight));
        Assert.Equal(DateTimeOffset.Parse("2026-11-28T02:00:00Z"), late.ClosesAfter(fridayNight));
    }

    [Theory]
    [InlineData("Mon-Fri 09:00-17:00 Mars/Olympus", "unknown time zone 'Mars/Olympus'")]
    [InlineData("Mon-Fry 09:00-17:00 UTC", "bad day 'Fry'")]
    [InlineData("Mon-Fri 17:00-09:00 UTC", "bad time range '17:00-09:00': the end is not after the start")]
    [InlineData("Fri 22:00-02:00 UTC", "Ranges across midnight are not supported")]
    [InlineData("Mon 9-17 UTC", "bad time '9' in '9-17'")]
    [InlineData("Mon 09:00 UTC", "bad time range '09:00'")]
    [InlineData("Mon 09:00-25:00 UTC", "bad time '25:00'")]
    [InlineData("Mon-Fri 09:00-17:00", "is not opening hours")]
    public void Parse_BadPart_NamedInTheMessage(string text, string expected)
    {
        var ex = Assert.Throws<HoursFormatException>(() => OpeningHours.Parse(text));

        Assert.Contains(expected, ex.Message);
    }

    [Fact]
    public void OfflineNotice_Closed_SaysWhenInTheDepartmentsZone()
    {
        var text = OfflineNotice.Closed(Amsterdam, DateTimeOffset.Parse("2026-11-30T08:00:00Z"));

        Assert.Equal("We're offline until Monday 09:00 (Europe/Amsterdam); leave a message and we'll answer here.", text);
    }
}
