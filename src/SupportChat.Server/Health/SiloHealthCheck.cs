using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace SupportChat.Server.Health;

/// <summary>Ready only while this node's silo is Active in the membership it sees: on one node that is the local silo
/// having started; in a PostgreSQL cluster, the membership table (as this node last read it) listing it active, so a
/// node the others have declared dead is taken out of the load balancer too.</summary>
internal sealed class SiloHealthCheck(IClusterMembershipService membership, ILocalSiloDetails local) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = membership.CurrentSnapshot.GetSiloStatus(local.SiloAddress);
        return Task.FromResult(status == SiloStatus.Active
            ? HealthCheckResult.Healthy()
            : HealthCheckResult.Unhealthy($"silo {local.SiloAddress} is {status}"));
    }
}
