using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans;
using Orleans.Configuration;
using Orleans.Hosting;
using Orleans.Runtime;

namespace SupportChat.Clustering.Tests;

/// <summary>Real Orleans silos finding each other through the PostgreSQL membership table.</summary>
[Collection(PostgresCollection.Name)]
public sealed class SiloClusterTests(PostgresDatabase database)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly string _clusterId = $"silos-{Guid.NewGuid():N}";

    [Fact]
    public async Task Two_silos_join_one_cluster_and_a_stopped_one_is_seen_to_leave()
    {
        using var first = await StartSiloAsync("first");
        using var second = await StartSiloAsync("second");
        var membership = first.Services.GetRequiredService<IClusterMembershipService>();

        var both = await WaitForAsync(membership, s => Active(s) == 2, "both silos active");
        Assert.Equal(["first", "second"], both.Members.Values.Select(m => m.Name).Order());

        await second.StopAsync();

        var after = await WaitForAsync(membership, s => Active(s) == 1, "the stopped silo gone");
        Assert.Equal(SiloStatus.Dead, after.Members.Values.Single(m => m.Name == "second").Status);
        await first.StopAsync();
    }

    private async Task<IHost> StartSiloAsync(string name)
    {
        var siloPort = FreePort();
        var gatewayPort = FreePort();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.UseOrleans(silo => silo
            .UsePostgresClustering(database.ConnectionString)
            .Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (_clusterId, "supportchat-tests"))
            .Configure<SiloOptions>(o => o.SiloName = name)
            .ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static int Active(ClusterMembershipSnapshot snapshot) => snapshot.Members.Values.Count(m => m.Status == SiloStatus.Active);

    private static async Task<ClusterMembershipSnapshot> WaitForAsync(
        IClusterMembershipService membership, Func<ClusterMembershipSnapshot, bool> condition, string what)
    {
        using var deadline = new CancellationTokenSource(Patience);
        try
        {
            await foreach (var snapshot in membership.MembershipUpdates.WithCancellation(deadline.Token))
            {
                if (condition(snapshot))
                {
                    return snapshot;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }

        throw new TimeoutException($"not {what} within {Patience.TotalSeconds} s");
    }
}
