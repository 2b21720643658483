using Microsoft.Extensions.Diagnostics.HealthChecks;
using SupportChat.Domain.Persistence;

namespace SupportChat.Server.Health;

/// <summary>Ready only while the history can take writes: acknowledged messages are durable, so a node whose store
/// fails would only refuse sends. Uses the store's own probe; a store without one is taken as ready.</summary>
internal sealed class StoreHealthCheck(IChatStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (store is not IStoreProbe probe)
        {
            return HealthCheckResult.Healthy("no probe");
        }

        try
        {
            await probe.ProbeAsync(cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return HealthCheckResult.Unhealthy(ex.Message);
        }
    }
}
