using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SupportChat.Domain.Canned;
using SupportChat.Grains.Canned;

namespace SupportChat.Grains.Tests.Canned;

/// <summary>The one grain that keeps the canned replies, on a silo of its own with a store it can see into.</summary>
public sealed class CannedRepliesGrainTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly MemoryCannedStore _store = new();
    private InProcessTestCluster _cluster = null!;

    public async Task InitializeAsync()
    {
        _cluster = ClusterFixture.Build(1, new InMemoryChatStore(), silo => silo.Services.AddSingleton<ICannedReplyStore>(_store));
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    private ICannedRepliesGrain Grain => _cluster.Client.GetGrain<ICannedRepliesGrain>(ICannedRepliesGrain.Key);

    [Fact]
    public async Task It_loads_the_stored_list_stores_each_change_first_and_tells_its_observers_the_whole_list()
    {
        _store.Replies["refund"] = "Refunds take 5 days.";
        var heard = new ListObserver();
        var reference = _cluster.Client.CreateObjectReference<ICannedRepliesObserver>(heard);

        Assert.Equal([new CannedReplyView("refund", "Refunds take 5 days.")], await Grain.Subscribe(reference));

        Assert.False(await Grain.Save(new CannedReplyView("hello", "Hi {customer}")));
        Assert.Equal("Hi {customer}", _store.Replies["hello"]);
        Assert.Equal([new CannedReplyView("hello", "Hi {customer}"), new CannedReplyView("refund", "Refunds take 5 days.")],
            await heard.NextAsync("the list after the add"));

        Assert.True(await Grain.Save(new CannedReplyView("hello", "Hello {customer}")));
        Assert.Equal("Hello {customer}", (await heard.NextAsync("the list after the replace"))[0].Text);

        Assert.True(await Grain.Remove("refund"));
        Assert.Equal([new CannedReplyView("hello", "Hello {customer}")], await heard.NextAsync("the list after the remove"));
        Assert.False(_store.Replies.ContainsKey("refund"));

        Assert.False(await Grain.Remove("refund"));
        Assert.Equal([new CannedReplyView("hello", "Hello {customer}")], await Grain.List());
    }

    [Fact]
    public async Task A_store_that_fails_leaves_the_list_as_it_was()
    {
        await Grain.Save(new CannedReplyView("hello", "Hi"));
        _store.Failing = true;

        await Assert.ThrowsAnyAsync<Exception>(() => Grain.Save(new CannedReplyView("bye", "Bye")));

        Assert.Equal([new CannedReplyView("hello", "Hi")], await Grain.List());
    }

    private sealed class ListObserver : ICannedRepliesObserver
    {
        private readonly Channel<IReadOnlyList<CannedReplyView>> _lists = Channel.CreateUnbounded<IReadOnlyList<CannedReplyView>>();

        public Task Changed(IReadOnlyList<CannedReplyView> replies)
        {
            _lists.Writer.TryWrite(replies);
            return Task.CompletedTask;
        }

        public async Task<IReadOnlyList<CannedReplyView>> NextAsync(string what)
        {
            try
            {
                return await _lists.Reader.ReadAsync().AsTask().WaitAsync(Patience);
            }
            catch (TimeoutException)
            {
                throw new TimeoutException($"waited {Patience.TotalSeconds} s for {what}.");
            }
        }
    }

    private sealed class MemoryCannedStore : ICannedReplyStore
    {
        public ConcurrentDictionary<string, string> Replies { get; } = new(StringComparer.Ordinal);

        public volatile bool Failing;

        public Task<IReadOnlyList<CannedReply>> ListCannedRepliesAsync(CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<CannedReply>>([.. Replies.OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new CannedReply(r.Key, r.Value))]);

        public Task<bool> SaveCannedReplyAsync(CannedReply reply, DateTimeOffset at, CancellationToken cancellationToken)
        {
            if (Failing)
            {
                throw new InvalidOperationException("the database is down");
            }

            var existed = Replies.ContainsKey(reply.Shortcut);
            Replies[reply.Shortcut] = reply.Text;
            return Task.FromResult(existed);
        }

        public Task<bool> RemoveCannedReplyAsync(string shortcut, CancellationToken cancellationToken) =>
            Task.FromResult(Replies.TryRemove(shortcut, out _));
    }
}
