using SupportChat.Domain.Messages;

namespace SupportChat.Domain.Tests.Messages;

public sealed class SeqGateTests
{
    [Fact]
    public void In_order_items_go_straight_out()
    {
        var gate = new SeqGate<string>(0);
        var ready = new List<string>();

        gate.Offer(1, "one", ready);
        gate.Offer(2, "two", ready);

        Assert.Equal(["one", "two"], ready);
        Assert.Equal(2, gate.Delivered);
        Assert.False(gate.HasGap);
    }

    [Fact]
    public void Items_past_a_gap_wait_until_it_is_filled()
    {
        var gate = new SeqGate<string>(0);
        var ready = new List<string>();

        gate.Offer(3, "three", ready);
        gate.Offer(2, "two", ready);
        Assert.Empty(ready);
        Assert.True(gate.HasGap);

        gate.Offer(1, "one", ready);
        Assert.Equal(["one", "two", "three"], ready);
        Assert.False(gate.HasGap);
    }

    [Fact]
    public void Duplicates_and_items_at_or_below_the_cursor_are_dropped()
    {
        var gate = new SeqGate<string>(5);
        var ready = new List<string>();

        gate.Offer(5, "old", ready);
        gate.Offer(3, "older", ready);
        gate.Offer(7, "seven", ready);
        gate.Offer(7, "seven again", ready);
        gate.Offer(6, "six", ready);
        gate.Offer(6, "six again", ready);

        Assert.Equal(["six", "seven"], ready);
        Assert.Equal(7, gate.Delivered);
    }
}
