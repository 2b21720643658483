using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SupportChat.Domain;
using SupportChat.Domain.Persistence;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Metrics;
using SupportChat.Grains.Queues;

namespace SupportChat.Grains.Tests;

/// <summary>One in-process silo shared by the grain tests; each test uses its own departments and names.</summary>
public sealed class ClusterFixture : IAsyncLifetime
{
    internal InMemoryChatStore Store { get; } = new();

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public IClusterClient Client => Cluster.Client;

    public async Task InitializeAsync()
    {
        Cluster = Build(1, Store);
        await Cluster.DeployAsync();
    }

    /// <summary>Silos configured as the server configures its own, all sharing <paramref name="store"/> (as cluster
    /// nodes share one database).</summary>
    internal static InProcessTestCluster Build(short silos, IChatStore store, Action<ISiloBuilder>? configure = null)
    {
        var builder = new InProcessTestClusterBuilder(silos);
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton(store);
            host.Services.AddSingleton(TimeProvider.System);
            host.Services.AddGrainMetrics();
            host.Services.AddSingleton<SupportChat.Grains.Observers.LocalObservers>();
            host.Services.AddSingleton<SupportChat.Grains.Board.BoardReports>();
            host.Services.Configure<HoursOptions>(o => o.Hours[ClosedDepartment] = ClosedHours);
        });
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddIncomingGrainCallFilter<ChatExceptionFilter>();
            configure?.Invoke(silo);
        });
        return builder.Build();
    }

    public async Task DisposeAsync() => await Cluster.DisposeAsync();

    /// <summary>A department with opening hours that are closed all of today (only on the day after tomorrow, UTC).</summary>
    internal const string ClosedDepartment = "closed-today";

    internal static readonly DateTimeOffset ClosedUntil = DateTimeOffset.UtcNow.UtcDateTime.Date.AddDays(2);

    internal static readonly string ClosedHours = $"{ClosedUntil.DayOfWeek.ToString()[..3]} 00:00-24:00 UTC";

    internal static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];

    internal async Task<(string Id, IAgentGrain Grain, RecordingObserver Events, IChatObserver Reference)> SignInAgentAsync(
        string name, int capacity, params string[] departments)
    {
        var events = new RecordingObserver();
        var reference = Client.CreateObjectReference<IChatObserver>(events);
        var id = Ids.AgentIdFromName(name);
        var grain = Client.GetGrain<IAgentGrain>(id);
        await grain.SignIn(new AgentProfile(id, name, "Engineer", departments, capacity), reference, []);
        return (id, grain, events, reference);
    }

    internal async Task<(string ConversationId, string CustomerId, IConversationGrain Grain, RecordingObserver Events)> JoinAsync(
        string name, string department)
    {
        var events = new RecordingObserver();
        var reference = Client.CreateObjectReference<IChatObserver>(events);
        var conversationId = Ids.NewConversationId();
        var customerId = Ids.NewCustomerId();
        var grain = Client.GetGrain<IConversationGrain>(conversationId);
        await grain.Open(customerId, name, department);
        await grain.Subscribe(customerId, reference, 0);
        await Client.GetGrain<IDepartmentQueueGrain>(department)
            .Enqueue(new QueueEntry(conversationId, name, DateTimeOffset.UtcNow, Front: false));
        return (conversationId, customerId, grain, events);
    }
}

[CollectionDefinition(Name)]
public sealed class ClusterCollection : ICollectionFixture<ClusterFixture>
{
    public const string Name = "cluster";
}
