using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace SupportChat.Grains.Metrics;

public static class GrainMetricsExtensions
{
    /// <summary>The grains' instruments (<see cref="GrainMetrics"/>); a host exports them by listening to
    /// <see cref="GrainMetrics.MeterName"/>.</summary>
    public static IServiceCollection AddGrainMetrics(this IServiceCollection services)
    {
        services.AddMetrics();
        services.TryAddSingleton<GrainMetrics>();
        return services;
    }
}
