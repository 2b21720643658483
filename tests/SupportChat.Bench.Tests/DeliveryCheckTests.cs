using SupportChat.Bench.Measures;

namespace SupportChat.Bench.Tests;

/// <summary>The bench's receiver-side check counts what goes wrong, so a run that reports zeros means something.</summary>
public sealed class DeliveryCheckTests
{
    [Fact]
    public void In_order_once_each_is_complete_with_nothing_counted()
    {
        var latencies = new Latencies();
        var check = new DeliveryCheck(3, latencies);

        check.Receive(1, BenchText.Create(1, 64));
        check.Receive(3, BenchText.Create(2, 64));
        check.Receive(5, BenchText.Create(3, 64));

        Assert.Equal((3, 0, 0), (check.Delivered, check.Duplicated, check.Reordered));
        Assert.True(check.Complete.IsCompletedSuccessfully);
        Assert.Equal(3, latencies.Count);
    }

    [Fact]
    public void Duplicates_reorderings_and_foreign_texts_are_counted_and_missing_ones_leave_it_incomplete()
    {
        var check = new DeliveryCheck(4, new Latencies());

        check.Receive(1, BenchText.Create(1, 64));
        check.Receive(4, BenchText.Create(3, 64));
        check.Receive(3, BenchText.Create(2, 64)); // lower seq and lower number than already seen
        check.Receive(5, BenchText.Create(3, 64)); // number 3 again
        check.Receive(6, "not a bench message");

        Assert.Equal(3, check.Delivered);
        Assert.Equal(2, check.Duplicated);
        Assert.Equal(1, check.Reordered);
        Assert.False(check.Complete.IsCompleted);
    }

    [Fact]
    public void Percentiles_use_the_nearest_rank()
    {
        var latencies = new Latencies();
        foreach (var ms in Enumerable.Range(1, 100))
        {
            latencies.Add(ms);
        }

        Assert.Equal((50.0, 99.0, 100.0, 100.0), (latencies.Percentile(0.5), latencies.Percentile(0.99), latencies.Percentile(0.999), latencies.Max()));
    }
}
