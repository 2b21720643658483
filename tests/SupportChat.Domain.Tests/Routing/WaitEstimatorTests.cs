using SupportChat.Domain.Routing;

namespace SupportChat.Domain.Tests.Routing;

public sealed class WaitEstimatorTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void No_estimate_before_two_assignments()
    {
        var estimator = new WaitEstimator();
        Assert.Null(estimator.Estimate(1));
        estimator.RecordAssignment(T0);
        Assert.Null(estimator.Estimate(1));
    }

    [Fact]
    public void The_estimate_is_the_position_times_the_mean_interval()
    {
        var estimator = new WaitEstimator();
        estimator.RecordAssignment(T0);
        estimator.RecordAssignment(T0.AddSeconds(30));
        estimator.RecordAssignment(T0.AddSeconds(90));

        Assert.Equal(TimeSpan.FromSeconds(45), estimator.Estimate(1));
        Assert.Equal(TimeSpan.FromSeconds(135), estimator.Estimate(3));
        Assert.Null(estimator.Estimate(0));
    }

    [Fact]
    public void Only_the_most_recent_assignments_count()
    {
        var estimator = new WaitEstimator(window: 3);
        estimator.RecordAssignment(T0);
        estimator.RecordAssignment(T0.AddMinutes(10));
        estimator.RecordAssignment(T0.AddMinutes(10).AddSeconds(10));
        estimator.RecordAssignment(T0.AddMinutes(10).AddSeconds(20));

        Assert.Equal(TimeSpan.FromSeconds(10), estimator.Estimate(1));
    }
}
