namespace SupportChat.Storage.Sqlite;

/// <summary>Maps to SQLite's <c>synchronous</c> pragma in WAL mode.</summary>
public enum StoreDurability
{
    /// <summary>fsync on every commit: an acknowledged message survives power loss.</summary>
    Full,

    /// <summary>fsync at checkpoints only: survives a killed process, may lose the last commits on power loss.</summary>
    Normal,
}
