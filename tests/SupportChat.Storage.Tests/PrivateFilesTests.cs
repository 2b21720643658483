using System.Runtime.Versioning;
using Microsoft.Data.Sqlite;
using SupportChat.Storage.Accounts;
using SupportChat.Storage.Secrets;
using SupportChat.Storage.Sqlite;
using static SupportChat.Storage.Tests.Samples;

namespace SupportChat.Storage.Tests;

/// <summary>What the server creates in its data folder is readable by its user only, on real files; what an operator
/// made before keeps its mode.</summary>
[UnsupportedOSPlatform("windows")]
public sealed class PrivateFilesTests : IDisposable
{
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode ReadableFile = OwnerOnlyFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead;
    private const UnixFileMode GroupFolder = OwnerOnlyFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;

    private static readonly CancellationToken None = CancellationToken.None;

    private readonly string _root = Path.Combine(Path.GetTempPath(), "supportchat-modes-" + Guid.NewGuid().ToString("N"));

    private string DataFolder => Path.Combine(_root, "server", "data");

    private SqliteStoreOptions Options => new() { DataDirectory = DataFolder };

    [UnixFact]
    public async Task SqliteChatStore_NewDataFolder_CreatesTheFolderAndTheDatabaseFilesForTheOwnerOnly()
    {
        await using (var store = new SqliteChatStore(Options))
        {
            await store.InitializeAsync(None);
            await store.SaveConversationAsync(Conversation("c1"), None);
            await store.AppendOneAsync(Message("c1", 1, "m1"), None);

            // The write-ahead log and its index exist while the writer is open; SQLite gives them the database's mode.
            Assert.Equal(OwnerOnlyFolder, ModeOf(DataFolder));
            foreach (var name in new[] { "supportchat.db", "supportchat.db-wal", "supportchat.db-shm" })
            {
                Assert.Equal((name, OwnerOnlyFile), (name, ModeOf(Path.Combine(DataFolder, name))));
            }
        }

        Assert.NotEmpty(await ReadBackAsync());
    }

    [UnixFact]
    public async Task SqliteAccounts_FirstToTouchTheDataFolder_CreatesItForTheOwnerOnly()
    {
        // `supportchat agents add` may run before any server did.
        await new SqliteAccounts(Options).AddAsync(new Account("ada", AccountRole.Agent, "Ada", ["sales"], 2, "", T0), None);

        Assert.Equal(OwnerOnlyFolder, ModeOf(DataFolder));
        Assert.Equal(OwnerOnlyFile, ModeOf(Options.DatabasePath));
    }

    [UnixFact]
    public async Task SqliteChatStore_ExistingFolderAndDatabase_KeepTheirModes()
    {
        Directory.CreateDirectory(DataFolder, GroupFolder);
        File.SetUnixFileMode(DataFolder, GroupFolder);
        await using (var first = new SqliteChatStore(Options))
        {
            await first.InitializeAsync(None);
        }

        File.SetUnixFileMode(Options.DatabasePath, ReadableFile);

        await using (var again = new SqliteChatStore(Options))
        {
            await again.InitializeAsync(None);
            await again.SaveConversationAsync(Conversation("c1"), None);
        }

        Assert.Equal(GroupFolder, ModeOf(DataFolder));
        Assert.Equal(ReadableFile, ModeOf(Options.DatabasePath));
    }

    [UnixFact]
    public async Task FileSecretStore_NewKey_CreatesTheFolderAndTheKeyForTheOwnerOnly()
    {
        var key = await new FileSecretStore(DataFolder).GetOrCreateAsync("session", 32, None);

        Assert.Equal(OwnerOnlyFolder, ModeOf(DataFolder));
        Assert.Equal(OwnerOnlyFile, ModeOf(Path.Combine(DataFolder, "session.key")));
        Assert.Equal(key, await new FileSecretStore(DataFolder).GetOrCreateAsync("session", 32, None));
        Assert.False(File.Exists(Path.Combine(DataFolder, "session.key.tmp")));
    }

    [UnixFact]
    public async Task FileSecretStore_ExistingFolder_KeepsItsModeAndTheNewKeyIsOwnerOnly()
    {
        Directory.CreateDirectory(DataFolder);
        File.SetUnixFileMode(DataFolder, GroupFolder);

        await new FileSecretStore(DataFolder).GetOrCreateAsync("session", 32, None);

        Assert.Equal(GroupFolder, ModeOf(DataFolder));
        Assert.Equal(OwnerOnlyFile, ModeOf(Path.Combine(DataFolder, "session.key")));
    }

    public void Dispose()
    {
        SqliteConnection.ClearPool(new SqliteConnection(SqliteFile.ConnectionString(Options)));
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static UnixFileMode ModeOf(string path) => File.GetUnixFileMode(path);

    private async Task<IReadOnlyList<Domain.Messages.StoredMessage>> ReadBackAsync()
    {
        await using var store = new SqliteChatStore(Options);
        await store.InitializeAsync(None);
        return await store.GetMessagesAsync("c1", 0, None);
    }
}
