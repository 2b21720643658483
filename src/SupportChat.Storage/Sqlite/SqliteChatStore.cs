using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SupportChat.Storage.Sqlite;

/// <summary>
/// The embedded history: one SQLite file in WAL mode, committed by one writer connection (group commit: one fsync for
/// many sends with <see cref="StoreDurability.Full"/>). Its message insert is prepared once and bound through SQLite's
/// own API (<see cref="MessageInserter"/>). Reads open pooled connections of their own and never wait for the writer.
/// </summary>
public sealed class SqliteChatStore : DbChatStore
{
    private readonly SqliteStoreOptions _options;
    private readonly string _connectionString;
    private SqliteConnection? _writer;
    private MessageInserter? _inserter;
    private WriterCommands? _commands;

    /// <summary>Creates a store over the file the options name; call <see cref="DbChatStore.InitializeAsync"/> before use.</summary>
    public SqliteChatStore(SqliteStoreOptions options)
        : base(SqliteRows.Instance, CheckedBatchSize(options))
    {
        _options = options;
        _connectionString = SqliteFile.ConnectionString(options);
    }

    private protected override async Task PrepareAsync(CancellationToken cancellationToken)
    {
        var synchronous = _options.Durability == StoreDurability.Full ? "FULL" : "NORMAL";
        var writer = await SqliteFile.OpenAndSetUpAsync(_options, _connectionString,
            $"{SqliteFile.Pragmas} PRAGMA synchronous={synchronous}; {SqliteSchema.Create}", cancellationToken);
        try
        {
            await SqliteSchema.UpgradeAsync(writer, cancellationToken);
            _inserter = new MessageInserter(writer);
            _commands = new WriterCommands(writer);
        }
        catch
        {
            await writer.DisposeAsync();
            throw;
        }

        _writer = writer;
    }

    /// <summary>Synchronous on purpose: the writer loop has the connection to itself, and Microsoft.Data.Sqlite's
    /// asynchronous calls would only run the same work synchronously behind a task.</summary>
    private protected override Task CommitAsync(IReadOnlyList<PendingWrite> batch)
    {
        var writer = _writer!;
        using var transaction = writer.BeginTransaction();
        SqliteWriteBatch.Apply(_commands!, transaction, _inserter!, batch);
        transaction.Commit();
        return Task.CompletedTask;
    }

    private protected override async ValueTask<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await SqliteFile.OpenAsync(_connectionString, cancellationToken);

    private protected override async ValueTask CloseAsync()
    {
        _inserter?.Dispose();
        _commands?.Dispose();
        if (_writer is not null)
        {
            await _writer.DisposeAsync();
        }
    }

    private static int CheckedBatchSize(SqliteStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.MaxBatchSize >= 1
            ? options.MaxBatchSize
            : throw new ArgumentOutOfRangeException(nameof(options), "Store:MaxBatchSize must be at least 1.");
    }
}
