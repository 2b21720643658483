namespace SupportChat.Storage.Sqlite;

/// <summary>Where and how the embedded SQLite history is kept (configuration section "Store").</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Folder that holds the database file; created if missing.</summary>
    public string DataDirectory { get; set; } = "./data";

    /// <summary>Database file name inside <see cref="DataDirectory"/>.</summary>
    public string FileName { get; set; } = "supportchat.db";

    /// <summary>Full survives power loss; Normal survives a process crash only, and commits faster.</summary>
    public StoreDurability Durability { get; set; } = StoreDurability.Full;

    /// <summary>Most writes (units of appended messages, conversation saves) committed in one transaction.</summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>The database file's full path.</summary>
    public string DatabasePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));
}
