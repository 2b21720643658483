using SupportChat.Storage.Sqlite;

namespace SupportChat.Storage.Tests;

/// <summary>The data folder's lock within one process; across processes (a second server, a killed one) it is tested
/// with real servers in tests/SupportChat.Cli.Tests/ServeStartTests.cs.</summary>
public sealed class DataFolderLockTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "supportchat-lock-" + Guid.NewGuid().ToString("N"), "data");

    private string LockFile => Path.Combine(_folder, DataFolderLock.FileName);

    [Fact]
    public void Acquire_FolderHeldInThisProcess_IsRefusedNamingTheFolder()
    {
        using var held = DataFolderLock.Acquire(_folder);

        var refused = Assert.Throws<DataFolderInUseException>(() => DataFolderLock.Acquire(Path.Combine(_folder, "..", "data")));

        Assert.Equal(Path.GetFullPath(_folder), refused.Folder);
        Assert.Contains($"{Path.GetFullPath(_folder)} is in use by process {Environment.ProcessId}", refused.Message);
        Assert.Contains("--data", refused.Message);
    }

    [Fact]
    public void Acquire_AfterTheHolderIsDisposed_Succeeds()
    {
        DataFolderLock.Acquire(_folder).Dispose();

        using var again = DataFolderLock.Acquire(_folder);
    }

    [Fact]
    public void Acquire_LeftOverFileOfAGoneServer_DoesNotBlockAndIsRewrittenWithThisProcess()
    {
        Directory.CreateDirectory(_folder);
        File.WriteAllText(LockFile, "999999999\n");

        DataFolderLock.Acquire(_folder).Dispose();

        Assert.Equal($"{Environment.ProcessId}", File.ReadAllText(LockFile).Trim());
    }

    [UnixFact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void Acquire_NewFolder_CreatesItAndTheLockFileForTheOwnerOnly()
    {
        DataFolderLock.Acquire(_folder).Dispose();

        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(_folder));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(LockFile));
    }

    public void Dispose()
    {
        var root = Path.GetDirectoryName(_folder)!;
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
