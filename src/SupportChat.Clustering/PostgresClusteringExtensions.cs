using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans;
using Orleans.Hosting;
using SupportChat.Clustering.Postgres;

namespace SupportChat.Clustering;

public static class PostgresClusteringExtensions
{
    /// <summary>Cluster membership in PostgreSQL (our own tables, created on start). The silo's ports and cluster id
    /// are configured apart from this.</summary>
    public static ISiloBuilder UsePostgresClustering(this ISiloBuilder silo, string connectionString)
    {
        silo.Services.AddKeyedSingleton(nameof(PostgresMembershipTable), (_, _) => NpgsqlDataSource.Create(connectionString));
        silo.Services.AddSingleton<IMembershipTable>(sp => ActivatorUtilities.CreateInstance<PostgresMembershipTable>(sp,
            sp.GetRequiredKeyedService<NpgsqlDataSource>(nameof(PostgresMembershipTable))));
        return silo;
    }
}
