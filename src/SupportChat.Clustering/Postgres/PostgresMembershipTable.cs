using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using NpgsqlTypes;
using Orleans;
using Orleans.Configuration;
using Orleans.Runtime;
using SupportChat.Storage.Postgres;

namespace SupportChat.Clustering.Postgres;

/// <summary>
/// Orleans' membership table on our own PostgreSQL tables. Optimistic concurrency as Orleans expects it: every
/// insert or update of a silo's row also moves the cluster's table version, and succeeds only if both the row's
/// etag and the table's etag are still the ones the caller read; otherwise it changes nothing and returns false.
/// The version row is updated first, so concurrent writers queue on its row lock and all but one see a new etag.
/// </summary>
public sealed class PostgresMembershipTable(
    NpgsqlDataSource dataSource, IOptions<ClusterOptions> cluster, ILogger<PostgresMembershipTable> logger) : IMembershipTable
{
    private const string Columns =
        "silo, status, proxy_port, host_name, silo_name, role_name, update_zone, fault_zone, start_time, i_am_alive_time, suspect_times, etag";

    private string ClusterId => cluster.Value.ClusterId;

    public async Task InitializeMembershipTable(bool tryInitTableVersion)
    {
        await SchemaLock.ApplyAsync(dataSource, MembershipSchema.LockKey, MembershipSchema.Create, CancellationToken.None);
        if (tryInitTableVersion)
        {
            await using var command = dataSource.CreateCommand(
                "INSERT INTO cluster_versions (cluster_id, version, etag) VALUES (@cluster, 0, 0) ON CONFLICT DO NOTHING");
            command.Parameters.AddWithValue("cluster", ClusterId);
            await command.ExecuteNonQueryAsync();
        }

        MembershipLog.TableReady(logger, ClusterId);
    }

    public async Task DeleteMembershipTableEntries(string clusterId)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM cluster_members WHERE cluster_id = @cluster; DELETE FROM cluster_versions WHERE cluster_id = @cluster");
        command.Parameters.AddWithValue("cluster", clusterId);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Removes rows of silos that are no longer active and have not said they are alive since
    /// <paramref name="beforeDate"/>: a silo that died without being declared dead is gone for good too.</summary>
    public async Task CleanupDefunctSiloEntries(DateTimeOffset beforeDate)
    {
        await using var command = dataSource.CreateCommand(
            "DELETE FROM cluster_members WHERE cluster_id = @cluster AND i_am_alive_time < @before AND status <> @active");
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("before", beforeDate.UtcDateTime);
        command.Parameters.AddWithValue("active", (int)SiloStatus.Active);
        var removed = await command.ExecuteNonQueryAsync();
        if (removed > 0)
        {
            MembershipLog.DefunctRemoved(logger, removed, ClusterId);
        }
    }

    public Task<MembershipTableData> ReadRow(SiloAddress key) => ReadAsync(key);

    public Task<MembershipTableData> ReadAll() => ReadAsync(null);

    public async Task<bool> InsertRow(MembershipEntry entry, TableVersion tableVersion)
    {
        if (!TryEtag(tableVersion.VersionEtag, out var tableEtag))
        {
            return false;
        }

        return await WriteAsync(tableVersion.Version, tableEtag, async (connection, transaction) =>
        {
            await using var insert = new NpgsqlCommand(
                $"INSERT INTO cluster_members (cluster_id, {Columns}) VALUES (@cluster, @silo, @status, @proxy_port, @host_name, @silo_name, " +
                "@role_name, @update_zone, @fault_zone, @start_time, @i_am_alive_time, @suspect_times, 0) ON CONFLICT DO NOTHING",
                connection, transaction);
            Bind(insert, entry);
            return await insert.ExecuteNonQueryAsync() == 1;
        });
    }

    public async Task<bool> UpdateRow(MembershipEntry entry, string etag, TableVersion tableVersion)
    {
        if (!TryEtag(tableVersion.VersionEtag, out var tableEtag) || !TryEtag(etag, out var rowEtag))
        {
            return false;
        }

        return await WriteAsync(tableVersion.Version, tableEtag, async (connection, transaction) =>
        {
            await using var update = new NpgsqlCommand(
                "UPDATE cluster_members SET status = @status, proxy_port = @proxy_port, host_name = @host_name, silo_name = @silo_name, " +
                "role_name = @role_name, update_zone = @update_zone, fault_zone = @fault_zone, start_time = @start_time, " +
                "i_am_alive_time = @i_am_alive_time, suspect_times = @suspect_times, etag = etag + 1 " +
                "WHERE cluster_id = @cluster AND silo = @silo AND etag = @etag",
                connection, transaction);
            Bind(update, entry);
            update.Parameters.AddWithValue("etag", rowEtag);
            return await update.ExecuteNonQueryAsync() == 1;
        });
    }

    /// <summary>A heartbeat: only the silo's own alive time changes, neither etag nor the table version.</summary>
    public async Task UpdateIAmAlive(MembershipEntry entry)
    {
        await using var command = dataSource.CreateCommand(
            "UPDATE cluster_members SET i_am_alive_time = @i_am_alive_time WHERE cluster_id = @cluster AND silo = @silo");
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("silo", entry.SiloAddress.ToParsableString());
        command.Parameters.AddWithValue("i_am_alive_time", MembershipRow.Utc(entry.IAmAliveTime));
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>Moves the table version (if its etag is still <paramref name="tableEtag"/>) and writes the row in one
    /// transaction; rolls both back if either finds it has been overtaken.</summary>
    private async Task<bool> WriteAsync(int newVersion, long tableEtag, Func<NpgsqlConnection, NpgsqlTransaction, Task<bool>> writeRow)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using var version = new NpgsqlCommand(
            "UPDATE cluster_versions SET version = @version, etag = etag + 1 WHERE cluster_id = @cluster AND etag = @etag",
            connection, transaction);
        version.Parameters.AddWithValue("cluster", ClusterId);
        version.Parameters.AddWithValue("version", newVersion);
        version.Parameters.AddWithValue("etag", tableEtag);
        if (await version.ExecuteNonQueryAsync() != 1 || !await writeRow(connection, transaction))
        {
            await transaction.RollbackAsync();
            return false;
        }

        await transaction.CommitAsync();
        return true;
    }

    /// <summary>The version row and the rows in one snapshot (repeatable read), as Orleans requires.</summary>
    private async Task<MembershipTableData> ReadAsync(SiloAddress? only)
    {
        await using var connection = await dataSource.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead);
        var tableVersion = new TableVersion(0, "0");
        await using (var version = new NpgsqlCommand("SELECT version, etag FROM cluster_versions WHERE cluster_id = @cluster", connection, transaction))
        {
            version.Parameters.AddWithValue("cluster", ClusterId);
            await using var reader = await version.ExecuteReaderAsync();
            if (await reader.ReadAsync())
            {
                tableVersion = new TableVersion(reader.GetInt32(0), reader.GetInt64(1).ToString(CultureInfo.InvariantCulture));
            }
        }

        var rows = new List<Tuple<MembershipEntry, string>>();
        await using (var select = new NpgsqlCommand(
            $"SELECT {Columns} FROM cluster_members WHERE cluster_id = @cluster" + (only is null ? string.Empty : " AND silo = @silo"),
            connection, transaction))
        {
            select.Parameters.AddWithValue("cluster", ClusterId);
            if (only is not null)
            {
                select.Parameters.AddWithValue("silo", only.ToParsableString());
            }

            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                rows.Add(Tuple.Create(MembershipRow.Read(reader), reader.GetInt64(11).ToString(CultureInfo.InvariantCulture)));
            }
        }

        await transaction.CommitAsync();
        return new MembershipTableData(rows, tableVersion);
    }

    private void Bind(NpgsqlCommand command, MembershipEntry entry)
    {
        command.Parameters.AddWithValue("cluster", ClusterId);
        command.Parameters.AddWithValue("silo", entry.SiloAddress.ToParsableString());
        command.Parameters.AddWithValue("status", (int)entry.Status);
        command.Parameters.AddWithValue("proxy_port", entry.ProxyPort);
        command.Parameters.AddWithValue("host_name", entry.HostName ?? string.Empty);
        command.Parameters.AddWithValue("silo_name", entry.SiloName ?? string.Empty);
        command.Parameters.AddWithValue("role_name", entry.RoleName ?? string.Empty);
        command.Parameters.AddWithValue("update_zone", entry.UpdateZone);
        command.Parameters.AddWithValue("fault_zone", entry.FaultZone);
        command.Parameters.AddWithValue("start_time", MembershipRow.Utc(entry.StartTime));
        command.Parameters.AddWithValue("i_am_alive_time", MembershipRow.Utc(entry.IAmAliveTime));
        command.Parameters.Add(new NpgsqlParameter("suspect_times", NpgsqlDbType.Jsonb) { Value = MembershipRow.SuspectTimesJson(entry.SuspectTimes) });
    }

    /// <summary>Etags are ours (bigint counters); anything else was never handed out, so it cannot match.</summary>
    private static bool TryEtag(string etag, out long value) =>
        long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
