namespace SupportChat.Bench.Measures;

/// <summary>Every sample kept (a bench run has at most a few hundred thousand), percentiles read from the sorted set.</summary>
internal sealed class Latencies
{
    private readonly List<double> _samples = [];
    private double[]? _sorted;

    public int Count { get { lock (_samples) { return _samples.Count; } } }

    public void Add(double milliseconds)
    {
        lock (_samples)
        {
            _samples.Add(milliseconds);
            _sorted = null;
        }
    }

    /// <summary>The sample below which <paramref name="fraction"/> of all fall (nearest rank); 0 with no samples.</summary>
    public double Percentile(double fraction)
    {
        var sorted = Sorted();
        if (sorted.Length == 0)
        {
            return 0;
        }

        var rank = (int)Math.Ceiling(fraction * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }

    public double Max() => Sorted() is { Length: > 0 } sorted ? sorted[^1] : 0;

    private double[] Sorted()
    {
        lock (_samples)
        {
            if (_sorted is null)
            {
                _sorted = [.. _samples];
                Array.Sort(_sorted);
            }

            return _sorted;
        }
    }
}
