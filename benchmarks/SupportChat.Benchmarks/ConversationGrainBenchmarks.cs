using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Orleans.TestingHost;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;
using SupportChat.Grains;
using SupportChat.Grains.Contracts;

namespace SupportChat.Benchmarks;

/// <summary>
/// The per-message path through the conversation grain, store taken out (a store that completes at once): a run of
/// <see cref="Run"/> sends in one call, stored, and told to the other participant's observer. Per operation = per run.
/// </summary>
[MemoryDiagnoser]
public class ConversationGrainBenchmarks
{
    private InProcessTestCluster _cluster = null!;
    private IConversationGrain _conversation = null!;
    private string _customerId = string.Empty;
    private long _next;

    [Params(1, 32)]
    public int Run { get; set; }

    [GlobalSetup]
    public async Task SetUp()
    {
        var builder = new InProcessTestClusterBuilder(1);

        // The test cluster logs every silo and client to a file under ./logs by default: hundreds of megabytes over a
        // run, and the writing was measured along with the grain. A benchmark has no reader for a silo's log.
        builder.Options.ConfigureFileLogging = false;
        builder.ConfigureHost(host => host.Logging.ClearProviders());
        builder.ConfigureSiloHost((_, host) =>
        {
            host.Services.AddSingleton<IChatStore, InstantStore>();
            host.Services.AddSingleton(TimeProvider.System);
        });
        builder.ConfigureSilo((_, silo) => silo.AddIncomingGrainCallFilter<ChatExceptionFilter>());
        _cluster = builder.Build();
        await _cluster.DeployAsync();
        _customerId = "customer-bench";
        _conversation = _cluster.Client.GetGrain<IConversationGrain>("conversation-bench");
        await _conversation.Open(_customerId, "Customer", "general");
        await _conversation.Assign("agent-bench", "Agent", "Engineer");
        var agent = _cluster.Client.CreateObjectReference<IChatObserver>(new CountingObserver());
        await _conversation.Subscribe("agent-bench", agent, 0);
    }

    [GlobalCleanup]
    public async Task CleanUp() => await _cluster.DisposeAsync();

    [Benchmark(Description = "SendBatch")]
    public Task<IReadOnlyList<SendOutcome>> SendBatch()
    {
        var sends = new OutgoingText[Run];
        for (var i = 0; i < Run; i++)
        {
            sends[i] = new OutgoingText($"m{++_next}", "a message of about sixty-four bytes, like the relay benchmark's");
        }

        return _conversation.SendBatch(_customerId, sends);
    }

    private sealed class CountingObserver : IChatObserver
    {
        public int Messages;
        public Task Ping() => Task.CompletedTask;


        public Task OnAssigned(AssignmentView assignment) => Task.CompletedTask;

        public Task OnQueued(QueuePositionView position) => Task.CompletedTask;

        public Task OnMessages(IReadOnlyList<MessageView> messages)
        {
            Interlocked.Add(ref Messages, messages.Count);
            return Task.CompletedTask;
        }

        public Task OnSignal(SignalView signal) => Task.CompletedTask;

        public Task OnNote(NoteView note) => Task.CompletedTask;

        public Task OnEnded(EndedView ended) => Task.CompletedTask;

        public Task OnQueueLength(QueueLengthView length) => Task.CompletedTask;

        public Task OnReplaced() => Task.CompletedTask;
    }

    /// <summary>Keeps conversations, completes appends at once: isolates the grain from SQLite.</summary>
    private sealed class InstantStore : IChatStore
    {
        private readonly Dictionary<string, ConversationRecord> _conversations = [];

        public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public Task SaveConversationAsync(ConversationRecord conversation, CancellationToken cancellationToken) =>
            SaveConversationAsync(conversation, [], cancellationToken);

        // Events are dropped: the benchmark measures the grain, not the feed.
        public Task SaveConversationAsync(ConversationRecord conversation, IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken)
        {
            lock (_conversations)
            {
                _conversations[conversation.Id] = conversation;
            }

            return Task.CompletedTask;
        }

        public Task AppendAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task AddNoteAsync(StoredNote note, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<StoredNote>> GetNotesAsync(string conversationId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StoredNote>>([]);

        public Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
        {
            lock (_conversations)
            {
                return Task.FromResult(_conversations.GetValueOrDefault(conversationId));
            }
        }

        public Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, long afterSeq, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<StoredMessage>>([]);

        public Task<IReadOnlyList<ConversationRecord>> ListConversationsAsync(int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ConversationRecord>>([]);

        public Task RateAsync(string conversationId, ConversationRating rating, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<ConversationRecord>> ListOpenConversationsAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ConversationRecord>>([]);

        public Task RecordEventsAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task<IReadOnlyList<ChatEvent>> ReadEventsAsync(long afterCursor, int limit, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<ChatEvent>>([]);
    }
}
