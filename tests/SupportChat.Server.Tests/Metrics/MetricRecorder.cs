using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using SupportChat.Server.Metrics;

namespace SupportChat.Server.Tests.Metrics;

/// <summary>A <see cref="SupportChatMetrics"/> on a meter factory of its own, and what its instruments recorded (only
/// its own: the listener keeps to meters of this factory, so tests running beside it do not show).</summary>
internal sealed class MetricRecorder : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly MeterListener _listener = new();
    private readonly ConcurrentQueue<(string Name, double Value, KeyValuePair<string, object?>[] Tags)> _measurements = new();

    public MetricRecorder()
    {
        var factory = _services.GetRequiredService<IMeterFactory>();
        Metrics = new SupportChatMetrics(factory);
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (ReferenceEquals(instrument.Meter.Scope, factory))
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>((i, value, tags, _) => _measurements.Enqueue((i.Name, value, tags.ToArray())));
        _listener.SetMeasurementEventCallback<double>((i, value, tags, _) => _measurements.Enqueue((i.Name, value, tags.ToArray())));
        _listener.Start();
    }

    public SupportChatMetrics Metrics { get; }

    /// <summary>The sum of what was recorded on <paramref name="name"/> with the tag, if one is given.</summary>
    public double Sum(string name, string? tag = null, object? value = null) =>
        _measurements.Where(m => m.Name == name && (tag is null || m.Tags.Any(t => t.Key == tag && Equals(t.Value, value)))).Sum(m => m.Value);

    public int Count(string name) => _measurements.Count(m => m.Name == name);

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }
}
