using SupportChat.Storage.Sqlite;

namespace SupportChat.Storage.Tests;

/// <summary>A real SQLite file in a fresh temporary folder, deleted afterwards.</summary>
internal sealed class TempStore : IAsyncDisposable
{
    private TempStore(string directory, SqliteChatStore store)
    {
        Directory = directory;
        Store = store;
    }

    public string Directory { get; }

    public SqliteChatStore Store { get; private set; }

    public static async Task<TempStore> CreateAsync()
    {
        var directory = Path.Combine(Path.GetTempPath(), "supportchat-store-" + Guid.NewGuid().ToString("N"));
        var store = new SqliteChatStore(Options(directory));
        await store.InitializeAsync(CancellationToken.None);
        return new TempStore(directory, store);
    }

    /// <summary>Closes the file and opens it again, as a server restart would.</summary>
    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = new SqliteChatStore(Options(Directory));
        await Store.InitializeAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static SqliteStoreOptions Options(string directory) => new() { DataDirectory = directory };
}
