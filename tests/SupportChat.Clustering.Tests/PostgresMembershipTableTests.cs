using System.Net;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using SupportChat.Clustering.Postgres;

namespace SupportChat.Clustering.Tests;

/// <summary>Orleans' membership contract on our PostgreSQL tables, against a real server.</summary>
[Collection(PostgresCollection.Name)]
public sealed class PostgresMembershipTableTests(PostgresDatabase database) : IAsyncLifetime
{
    private static readonly DateTime Now = new(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc);
    private readonly string _clusterId = $"test-{Guid.NewGuid():N}";
    private PostgresMembershipTable _table = null!;

    public async Task InitializeAsync()
    {
        _table = Table(_clusterId);
        await _table.InitializeMembershipTable(tryInitTableVersion: true);
    }

    public async Task DisposeAsync() => await _table.DeleteMembershipTableEntries(_clusterId);

    [Fact]
    public async Task Initialize_from_many_nodes_at_once_creates_one_table_and_version()
    {
        var tables = Enumerable.Range(0, 8).Select(_ => Table(_clusterId)).ToList();

        await Task.WhenAll(tables.Select(t => t.InitializeMembershipTable(tryInitTableVersion: true)));

        var all = await _table.ReadAll();
        Assert.Empty(all.Members);
        Assert.Equal((0, "0"), (all.Version.Version, all.Version.VersionEtag));
    }

    [Fact]
    public async Task An_inserted_row_reads_back_whole_and_moves_the_table_version()
    {
        var entry = Entry(1, SiloStatus.Joining);
        entry.AddOrUpdateSuspector(Silo(9), Now.AddSeconds(-3), 10);
        var before = await _table.ReadAll();

        Assert.True(await _table.InsertRow(entry, before.Version.Next()));

        var after = await _table.ReadAll();
        var (read, etag) = Assert.Single(after.Members);
        Assert.Equal(1, after.Version.Version);
        Assert.NotEqual(before.Version.VersionEtag, after.Version.VersionEtag);
        Assert.False(string.IsNullOrEmpty(etag));
        Assert.Equal(entry.SiloAddress, read.SiloAddress);
        Assert.Equal((SiloStatus.Joining, 30001, "host-1", "silo-1", "role", 2, 3),
            (read.Status, read.ProxyPort, read.HostName, read.SiloName, read.RoleName, read.UpdateZone, read.FaultZone));
        Assert.Equal((entry.StartTime, entry.IAmAliveTime), (read.StartTime, read.IAmAliveTime));
        var (suspector, at) = Assert.Single(read.SuspectTimes!);
        Assert.Equal((Silo(9), Now.AddSeconds(-3)), (suspector, at));
    }

    [Fact]
    public async Task Of_concurrent_inserts_with_the_same_table_version_exactly_one_wins()
    {
        var version = (await _table.ReadAll()).Version.Next();
        var tables = Enumerable.Range(1, 6).Select(_ => Table(_clusterId)).ToList();

        var results = await Task.WhenAll(tables.Select((t, i) => t.InsertRow(Entry(i + 1, SiloStatus.Joining), version)));

        Assert.Single(results, won => won);
        var all = await _table.ReadAll();
        Assert.Single(all.Members);
        Assert.Equal(1, all.Version.Version);
    }

    [Fact]
    public async Task An_insert_with_a_stale_table_version_or_of_a_known_silo_changes_nothing()
    {
        var stale = (await _table.ReadAll()).Version.Next();
        Assert.True(await _table.InsertRow(Entry(1, SiloStatus.Joining), stale));

        Assert.False(await _table.InsertRow(Entry(2, SiloStatus.Joining), stale));
        var current = (await _table.ReadAll()).Version.Next();
        Assert.False(await _table.InsertRow(Entry(1, SiloStatus.Active), current)); // already there
        Assert.False(await _table.InsertRow(Entry(3, SiloStatus.Joining), new TableVersion(current.Version, "not-an-etag")));

        var all = await _table.ReadAll();
        var (only, _) = Assert.Single(all.Members);
        Assert.Equal(SiloStatus.Joining, only.Status);
        Assert.Equal(1, all.Version.Version);
    }

    [Fact]
    public async Task An_update_needs_both_the_rows_etag_and_the_tables_etag()
    {
        var entry = Entry(1, SiloStatus.Joining);
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var read = await _table.ReadRow(entry.SiloAddress);
        var (_, etag) = Assert.Single(read.Members);
        entry.Status = SiloStatus.Active;

        Assert.False(await _table.UpdateRow(entry, "999", read.Version.Next())); // wrong row etag
        Assert.True(await _table.InsertRow(Entry(2, SiloStatus.Joining), read.Version.Next())); // another silo moves the table on
        Assert.False(await _table.UpdateRow(entry, etag, read.Version.Next())); // right row etag, stale table etag
        Assert.True(await _table.UpdateRow(entry, etag, (await _table.ReadAll()).Version.Next()));
        Assert.False(await _table.UpdateRow(entry, etag, (await _table.ReadAll()).Version.Next())); // the row moved on

        var after = await _table.ReadRow(entry.SiloAddress);
        var (updated, newEtag) = Assert.Single(after.Members);
        Assert.Equal(SiloStatus.Active, updated.Status);
        Assert.NotEqual(etag, newEtag);
    }

    [Fact]
    public async Task Of_concurrent_updates_from_one_read_exactly_one_wins()
    {
        var entry = Entry(1, SiloStatus.Active);
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var read = await _table.ReadAll();
        var (row, etag) = Assert.Single(read.Members);
        var tables = Enumerable.Range(0, 6).Select(_ => Table(_clusterId)).ToList();

        var results = await Task.WhenAll(tables.Select((t, i) =>
        {
            var vote = Copy(row);
            vote.AddOrUpdateSuspector(Silo(10 + i), Now, 10);
            return t.UpdateRow(vote, etag, read.Version.Next());
        }));

        Assert.Single(results, won => won);
        var (after, _) = Assert.Single((await _table.ReadAll()).Members);
        Assert.Single(after.SuspectTimes!);
    }

    [Fact]
    public async Task Suspect_votes_from_several_silos_accumulate_through_updates()
    {
        var entry = Entry(1, SiloStatus.Active);
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));

        foreach (var voter in new[] { 20, 21 })
        {
            var read = await _table.ReadRow(entry.SiloAddress);
            var (row, etag) = Assert.Single(read.Members);
            row.AddOrUpdateSuspector(Silo(voter), Now.AddSeconds(voter), 10);
            Assert.True(await _table.UpdateRow(row, etag, read.Version.Next()));
        }

        var (suspected, _) = Assert.Single((await _table.ReadAll()).Members);
        Assert.Equal([Silo(20), Silo(21)], suspected.SuspectTimes!.Select(s => s.Item1));
        Assert.Equal([Now.AddSeconds(20), Now.AddSeconds(21)], suspected.SuspectTimes!.Select(s => s.Item2));
    }

    [Fact]
    public async Task I_am_alive_changes_only_the_alive_time()
    {
        var entry = Entry(1, SiloStatus.Active);
        Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        var before = await _table.ReadAll();
        var (_, etagBefore) = Assert.Single(before.Members);

        entry.IAmAliveTime = Now.AddMinutes(5);
        entry.Status = SiloStatus.Dead; // not written by a heartbeat
        await _table.UpdateIAmAlive(entry);

        var after = await _table.ReadAll();
        var (row, etagAfter) = Assert.Single(after.Members);
        Assert.Equal(Now.AddMinutes(5), row.IAmAliveTime);
        Assert.Equal(SiloStatus.Active, row.Status);
        Assert.Equal(etagBefore, etagAfter);
        Assert.Equal((before.Version.Version, before.Version.VersionEtag), (after.Version.Version, after.Version.VersionEtag));
    }

    [Fact]
    public async Task Cleanup_removes_silos_that_are_not_active_and_silent_since_the_date()
    {
        var oldDead = Entry(1, SiloStatus.Dead, aliveAt: Now.AddHours(-2));
        var recentDead = Entry(2, SiloStatus.Dead, aliveAt: Now);
        var oldActive = Entry(3, SiloStatus.Active, aliveAt: Now.AddHours(-2));
        foreach (var entry in new[] { oldDead, recentDead, oldActive })
        {
            Assert.True(await _table.InsertRow(entry, (await _table.ReadAll()).Version.Next()));
        }

        var otherId = $"other-{Guid.NewGuid():N}";
        var other = Table(otherId);
        await other.InitializeMembershipTable(true);
        Assert.True(await other.InsertRow(Entry(1, SiloStatus.Dead, aliveAt: Now.AddHours(-2)), (await other.ReadAll()).Version.Next()));

        await _table.CleanupDefunctSiloEntries(new DateTimeOffset(Now.AddHours(-1)));

        Assert.Equal([recentDead.SiloAddress, oldActive.SiloAddress],
            (await _table.ReadAll()).Members.Select(m => m.Item1.SiloAddress).OrderBy(s => s.Generation));
        Assert.Single((await other.ReadAll()).Members); // another cluster's rows are its own business
        await other.DeleteMembershipTableEntries(otherId);
    }

    [Fact]
    public async Task Deleting_a_clusters_entries_leaves_other_clusters_alone()
    {
        var otherId = $"other-{Guid.NewGuid():N}";
        var other = Table(otherId);
        await other.InitializeMembershipTable(true);
        Assert.True(await other.InsertRow(Entry(1, SiloStatus.Active), (await other.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(Entry(1, SiloStatus.Active), (await _table.ReadAll()).Version.Next()));

        await _table.DeleteMembershipTableEntries(_clusterId);

        Assert.Empty((await _table.ReadAll()).Members);
        Assert.Single((await other.ReadAll()).Members);
        await other.DeleteMembershipTableEntries(otherId);
    }

    [Fact]
    public async Task Reading_one_row_returns_only_that_silo()
    {
        Assert.True(await _table.InsertRow(Entry(1, SiloStatus.Active), (await _table.ReadAll()).Version.Next()));
        Assert.True(await _table.InsertRow(Entry(2, SiloStatus.Active), (await _table.ReadAll()).Version.Next()));

        var one = await _table.ReadRow(Silo(2));
        var missing = await _table.ReadRow(Silo(7));

        Assert.Equal(Silo(2), Assert.Single(one.Members).Item1.SiloAddress);
        Assert.Equal(2, one.Version.Version);
        Assert.Empty(missing.Members);
    }

    private PostgresMembershipTable Table(string clusterId) =>
        new(database.DataSource, Options.Create(new ClusterOptions { ClusterId = clusterId, ServiceId = "supportchat" }),
            NullLogger<PostgresMembershipTable>.Instance);

    private static SiloAddress Silo(int n) => SiloAddress.New(new IPEndPoint(IPAddress.Loopback, 11110 + n), n);

    private static MembershipEntry Entry(int n, SiloStatus status, DateTime? aliveAt = null) => new()
    {
        SiloAddress = Silo(n),
        Status = status,
        ProxyPort = 30000 + n,
        HostName = $"host-{n}",
        SiloName = $"silo-{n}",
        RoleName = "role",
        UpdateZone = 2,
        FaultZone = 3,
        StartTime = Now.AddMinutes(-n),
        IAmAliveTime = aliveAt ?? Now,
        SuspectTimes = [],
    };

    private static MembershipEntry Copy(MembershipEntry e) => new()
    {
        SiloAddress = e.SiloAddress, Status = e.Status, ProxyPort = e.ProxyPort, HostName = e.HostName, SiloName = e.SiloName,
        RoleName = e.RoleName, UpdateZone = e.UpdateZone, FaultZone = e.FaultZone, StartTime = e.StartTime,
        IAmAliveTime = e.IAmAliveTime, SuspectTimes = [.. e.SuspectTimes!],
    };
}
