using BenchmarkDotNet.Attributes;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Storage.Sqlite;

namespace SupportChat.Benchmarks;

/// <summary>
/// Group commit as the relay produces it: <see cref="Conversations"/> conversations each appending a unit of
/// <see cref="PerUnit"/> messages at once, on a real SQLite file. Reported per round of units, usually one or two
/// commits (the writer may take the first unit before the others are queued); divide by the rows for per row.
/// </summary>
[MemoryDiagnoser]
public class StoreAppendBenchmarks
{
    private string _folder = string.Empty;
    private SqliteChatStore _store = null!;
    private long _seq;

    [Params(100)]
    public int Conversations { get; set; }

    [Params(1, 10)]
    public int PerUnit { get; set; }

    [Params(StoreDurability.Full, StoreDurability.Normal)]
    public StoreDurability Durability { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        _folder = Path.Combine(Path.GetTempPath(), "supportchat-bench-store", Guid.NewGuid().ToString("N"));
        _store = new SqliteChatStore(new SqliteStoreOptions { DataDirectory = _folder, Durability = Durability });
        await _store.InitializeAsync(CancellationToken.None);
        for (var c = 0; c < Conversations; c++)
        {
            await _store.SaveConversationAsync(new ConversationRecord($"c{c}", $"u{c}", "Customer", "general", ConversationStatus.Active, "a", "Agent",
                ["a"], DateTimeOffset.UtcNow, null, null, 0), CancellationToken.None);
        }
    }

    [GlobalCleanup]
    public async Task CleanUp()
    {
        await _store.DisposeAsync();
        Directory.Delete(_folder, recursive: true);
    }

    [Benchmark(Description = "group commit")]
    public async Task AppendUnits()
    {
        var units = new Task[Conversations];
        var first = _seq + 1;
        _seq += PerUnit;
        for (var c = 0; c < Conversations; c++)
        {
            var messages = new StoredMessage[PerUnit];
            for (var i = 0; i < PerUnit; i++)
            {
                var seq = first + i;
                messages[i] = new StoredMessage($"c{c}", seq, Guid.NewGuid().ToString("N"), SenderRole.Customer, $"u{c}", "Customer",
                    "a message of about sixty-four bytes, like the relay benchmark's", $"m{c}-{seq}", DateTimeOffset.UtcNow);
            }

            units[c] = _store.AppendAsync(messages, CancellationToken.None);
        }

        await Task.WhenAll(units);
    }
}
