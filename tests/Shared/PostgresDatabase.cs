using Npgsql;

namespace SupportChat.Tests.Shared;

/// <summary>
/// The PostgreSQL server the tests use: <c>SUPPORTCHAT_TEST_POSTGRES</c> (an Npgsql connection string), or the
/// database that <c>scripts/test</c> sets up on loopback. Tests keep apart by cluster id, not by database.
/// </summary>
public sealed class PostgresDatabase : IAsyncLifetime
{
    public const string DefaultConnectionString = "Host=127.0.0.1;Port=5432;Username=supportchat;Password=supportchat;Database=supportchat_test";

    public string ConnectionString { get; } =
        Environment.GetEnvironmentVariable("SUPPORTCHAT_TEST_POSTGRES") is { Length: > 0 } configured ? configured : DefaultConnectionString;

    public NpgsqlDataSource DataSource { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        DataSource = NpgsqlDataSource.Create(ConnectionString);
        try
        {
            await using var connection = await DataSource.OpenConnectionAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException(
                $"These tests need PostgreSQL: run them with `bash scripts/test` (it installs and starts it), or set SUPPORTCHAT_TEST_POSTGRES. ({ex.Message})", ex);
        }
    }

    public async Task DisposeAsync() => await DataSource.DisposeAsync();

    /// <summary>A fresh schema of its own, for a test that needs tables nobody else writes to; dropped on dispose.</summary>
    public async Task<TempSchema> CreateSchemaAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await using (var create = DataSource.CreateCommand($"CREATE SCHEMA {name}"))
        {
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = name };
        return new TempSchema(DataSource, name, builder.ConnectionString);
    }
}

public sealed class TempSchema(NpgsqlDataSource admin, string name, string connectionString) : IAsyncDisposable
{
    /// <summary>A connection string whose search path is this schema (for a server process).</summary>
    public string ConnectionString { get; } = connectionString;

    /// <summary>Connections whose search path is this schema.</summary>
    public NpgsqlDataSource DataSource { get; } = NpgsqlDataSource.Create(connectionString);

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        await using var drop = admin.CreateCommand($"DROP SCHEMA {name} CASCADE");
        await drop.ExecuteNonQueryAsync();
    }
}

