using SupportChat.Domain.Routing;

namespace SupportChat.Domain.Tests.Routing;

public sealed class WaitingQueueTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static WaitingCustomer Customer(string id, int second) => new(id, "name " + id, T0.AddSeconds(second));

    [Fact]
    public void Customers_leave_in_arrival_order()
    {
        var queue = new WaitingQueue();
        Assert.Equal(1, queue.Enqueue(Customer("a", 1)));
        Assert.Equal(2, queue.Enqueue(Customer("b", 2)));
        Assert.Equal(3, queue.Enqueue(Customer("c", 3)));

        Assert.Equal(["a", "b", "c"], new[] { queue.Dequeue(), queue.Dequeue(), queue.Dequeue() }.Select(c => c.ConversationId));
        Assert.Null(queue.Peek());
        Assert.Throws<InvalidOperationException>(() => queue.Dequeue());
    }

    [Fact]
    public void A_transferred_conversation_keeps_its_place_ahead_of_later_arrivals()
    {
        var queue = new WaitingQueue();
        queue.Enqueue(Customer("early", 1));
        queue.Enqueue(Customer("late", 10));

        Assert.Equal(2, queue.Enqueue(Customer("transferred", 5)));
        Assert.Equal(["early", "transferred", "late"], queue.Entries.Select(c => c.ConversationId));
    }

    [Fact]
    public void Equal_arrival_times_keep_insertion_order()
    {
        var queue = new WaitingQueue();
        queue.Enqueue(Customer("first", 1));
        queue.Enqueue(Customer("second", 1));
        queue.Enqueue(Customer("third", 1));

        Assert.Equal(["first", "second", "third"], queue.Entries.Select(c => c.ConversationId));
    }

    [Fact]
    public void Enqueuing_one_already_waiting_changes_nothing()
    {
        var queue = new WaitingQueue();
        queue.Enqueue(Customer("a", 1));
        queue.Enqueue(Customer("b", 2));

        Assert.Equal(1, queue.Enqueue(Customer("a", 3)));
        Assert.Equal(2, queue.Count);
    }

    [Fact]
    public void EnqueueFront_puts_it_ahead_of_everyone_once()
    {
        var queue = new WaitingQueue();
        queue.Enqueue(Customer("a", 1));
        queue.Enqueue(Customer("b", 2));

        queue.EnqueueFront(Customer("b", 2));
        queue.EnqueueFront(Customer("orphaned", 9));

        Assert.Equal(["orphaned", "b", "a"], queue.Entries.Select(c => c.ConversationId));
    }

    [Fact]
    public void Removing_a_customer_moves_the_ones_behind_up()
    {
        var queue = new WaitingQueue();
        queue.Enqueue(Customer("a", 1));
        queue.Enqueue(Customer("b", 2));
        queue.Enqueue(Customer("c", 3));

        Assert.True(queue.Remove("a"));
        Assert.False(queue.Remove("a"));
        Assert.Equal((1, 2, 0), (queue.PositionOf("b"), queue.PositionOf("c"), queue.PositionOf("a")));
    }

    [Fact]
    public void A_customer_away_keeps_its_place_and_the_first_present_one_comes_next()
    {
        var queue = new WaitingQueue();
        queue.Enqueue(Customer("a", 1));
        queue.Enqueue(Customer("b", 2));
        queue.Enqueue(Customer("c", 3));

        queue.MarkAway("a", 1);
        queue.MarkAway("b", 1);

        Assert.Equal("c", queue.FirstPresent()!.ConversationId);
        Assert.Equal(["a", "b", "c"], queue.Entries.Select(e => e.ConversationId));
        Assert.Equal((1, 3), (queue.PositionOf("a"), queue.PositionOf("c")));
        Assert.Equal("a", queue.Peek()!.ConversationId);
        queue.MarkAway("c", 1);
        Assert.Null(queue.FirstPresent());
        queue.MarkBack("b", 2);
        Assert.Equal("b", queue.FirstPresent()!.ConversationId);
    }

    [Fact]
    public void Moving_a_waiting_customer_to_the_front_keeps_it_away_and_removing_it_forgets_that()
    {
        var queue = new WaitingQueue();
        queue.Enqueue(Customer("a", 1));
        queue.Enqueue(Customer("b", 2));
        queue.MarkAway("b", 1);

        queue.EnqueueFront(Customer("b", 2));
        Assert.Equal(("b", true), (queue.Peek()!.ConversationId, queue.IsAway("b")));
        Assert.Equal("a", queue.FirstPresent()!.ConversationId);

        queue.Dequeue();
        Assert.False(queue.IsAway("b"));
        queue.Enqueue(Customer("b", 2));
        Assert.Equal("a", queue.FirstPresent()!.ConversationId);
        Assert.False(queue.IsAway("b"));
    }
}
