namespace SupportChat.Storage.Sqlite;

/// <summary>Another server holds the data folder (<see cref="DataFolderLock"/>); the message names the folder, the
/// process when it is known, and what to do.</summary>
public sealed class DataFolderInUseException(string folder, int? processId)
    : IOException($"the data folder {folder} is in use by {(processId is { } id ? $"process {id}" : "another process")} " +
        "(a running supportchat serve): stop that server, or give this one another --data")
{
    public string Folder { get; } = folder;

    /// <summary>The holder's process id, when it could be read.</summary>
    public int? ProcessId { get; } = processId;
}
