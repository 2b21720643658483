using SupportChat.Client;
using SupportChat.Client.Canned;
using SupportChat.Client.Connection;
using SupportChat.Client.Events;
using SupportChat.Client.Sessions;
using SupportChat.Storage.Accounts;
using SupportChat.Storage.Sqlite;

namespace SupportChat.EndToEnd.Tests;

/// <summary>The CannedReplies service on a real server: who may call it, what it refuses and with which code, and how a
/// change reaches the agents who are signed in.</summary>
public sealed class CannedRepliesTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private TestServer _server = null!;
    private SupportChatConnection _open = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(null, "general");
        _open = SupportChatConnection.Create(_server.Url);
    }

    public async Task DisposeAsync()
    {
        await _open.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Without_accounts_on_loopback_anyone_adds_lists_replaces_and_removes()
    {
        Assert.False((await _open.AddCannedReplyAsync("hello", "Hi {customer}, {agent} here.", None)).Replaced);
        Assert.False((await _open.AddCannedReplyAsync("bye", "Bye!", None)).Replaced);
        var replaced = await _open.AddCannedReplyAsync("hello", "Hello {customer}!", None);

        Assert.Equal(new CannedReplySaved(new CannedReply("hello", "Hello {customer}!"), Replaced: true), replaced);
        Assert.Equal([new CannedReply("bye", "Bye!"), new CannedReply("hello", "Hello {customer}!")], await _open.ListCannedRepliesAsync(None));

        await _open.RemoveCannedReplyAsync("bye", None);
        Assert.Equal([new CannedReply("hello", "Hello {customer}!")], await _open.ListCannedRepliesAsync(None));
    }

    [Theory]
    [InlineData("", "text")]
    [InlineData("has space", "text")]
    [InlineData("/hello", "text")]
    [InlineData("héllo", "text")]
    [InlineData("abcdefghijklmnopqrstuvwxyz0123456", "text")] // 33 characters
    [InlineData("hello", "")]
    [InlineData("hello", "   ")]
    [InlineData("hello", "ring \u0007 the bell")]
    [InlineData("hello", "mirror \u202e text")]
    public async Task A_malformed_shortcut_or_text_is_invalid_argument_and_nothing_is_stored(string shortcut, string text)
    {
        var refused = await Assert.ThrowsAsync<ChatClientException>(() => _open.AddCannedReplyAsync(shortcut, text, None));

        Assert.Equal("InvalidArgument", refused.Code);
        Assert.Empty(await _open.ListCannedRepliesAsync(None));
    }

    [Fact]
    public async Task Text_over_the_message_limit_is_invalid_argument_and_32_characters_of_shortcut_are_fine()
    {
        var tooLong = await Assert.ThrowsAsync<ChatClientException>(() => _open.AddCannedReplyAsync("long", new string('x', 4001), None));
        await _open.AddCannedReplyAsync("A-b_3" + new string('z', 27), new string('x', 4000), None);

        Assert.Equal("InvalidArgument", tooLong.Code);
        Assert.Single(await _open.ListCannedRepliesAsync(None));
    }

    [Fact]
    public async Task Removing_an_unknown_shortcut_is_not_found()
    {
        var refused = await Assert.ThrowsAsync<ChatClientException>(() => _open.RemoveCannedReplyAsync("nope", None));

        Assert.Equal("NotFound", refused.Code);
    }

    [Fact]
    public async Task Once_accounts_exist_only_an_admin_token_may_manage_them()
    {
        var accounts = new SqliteAccounts(new SqliteStoreOptions { DataDirectory = _server.DataDirectory });
        var agent = await accounts.AddAsync(new Account("ada", AccountRole.Agent, "Ada", ["general"], 3, "", DateTimeOffset.UtcNow), None);
        var admin = await accounts.AddAsync(new Account("admin-1", AccountRole.Admin, "admin", [], 0, "", DateTimeOffset.UtcNow), None);
        await using var asAgent = SupportChatConnection.Create(_server.Url, new ConnectionOptions(Token: agent));
        await using var asAdmin = SupportChatConnection.Create(_server.Url, new ConnectionOptions(Token: admin));

        Assert.Equal("Unauthenticated", (await Assert.ThrowsAsync<ChatClientException>(() => _open.AddCannedReplyAsync("hello", "Hi", None))).Code);
        Assert.Equal("Unauthenticated", (await Assert.ThrowsAsync<ChatClientException>(() => _open.ListCannedRepliesAsync(None))).Code);
        Assert.Equal("PermissionDenied", (await Assert.ThrowsAsync<ChatClientException>(() => asAgent.AddCannedReplyAsync("hello", "Hi", None))).Code);
        Assert.Equal("PermissionDenied", (await Assert.ThrowsAsync<ChatClientException>(() => asAgent.RemoveCannedReplyAsync("hello", None))).Code);

        await asAdmin.AddCannedReplyAsync("hello", "Hi", None);
        Assert.Equal([new CannedReply("hello", "Hi")], await asAdmin.ListCannedRepliesAsync(None));
    }

    [Fact]
    public async Task A_signed_in_agent_gets_the_list_in_ready_then_each_change_and_ready_again_keeps_it()
    {
        await _open.AddCannedReplyAsync("hello", "Hi {customer}", None);
        await using var agents = SupportChatConnection.Create(_server.Url);
        await using var ada = await agents.StartAgentAsync(new AgentSignIn("Ada", ["general"]), None);

        var ready = await NextAsync<AgentReady>(ada, "ready");
        Assert.Equal([new CannedReply("hello", "Hi {customer}")], ready.CannedReplies);

        await _open.AddCannedReplyAsync("bye", "Bye {customer}", None);
        var added = await NextAsync<CannedRepliesChanged>(ada, "the change after the add");
        Assert.Equal([new CannedReply("bye", "Bye {customer}"), new CannedReply("hello", "Hi {customer}")], added.Replies);

        await _open.RemoveCannedReplyAsync("hello", None);
        var removed = await NextAsync<CannedRepliesChanged>(ada, "the change after the remove");
        Assert.Equal([new CannedReply("bye", "Bye {customer}")], removed.Replies);

        // Ready again (a change of status) carries the list as it is now, not an empty one.
        await ada.SetStatusAsync(AgentAvailability.Away, null, None);
        var away = await NextAsync<AgentReady>(ada, "ready after going away");
        Assert.Equal([new CannedReply("bye", "Bye {customer}")], away.CannedReplies);
    }

    [Fact]
    public async Task The_list_survives_a_restart_of_the_server()
    {
        await _open.AddCannedReplyAsync("hello", "Hi {customer}", None);

        await _server.RestartAsync();
        await using var again = SupportChatConnection.Create(_server.Url);

        Assert.Equal([new CannedReply("hello", "Hi {customer}")], await again.ListCannedRepliesAsync(None));
    }

    private static async Task<T> NextAsync<T>(AgentSession session, string what)
        where T : ChatEvent
    {
        using var timeout = new CancellationTokenSource(Patience);
        try
        {
            await foreach (var e in session.Events.ReadAllAsync(timeout.Token))
            {
                if (e is T wanted)
                {
                    return wanted;
                }
            }
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            throw new TimeoutException($"waited {Patience.TotalSeconds} s for {what}.");
        }

        throw new InvalidOperationException($"the session ended before {what}.");
    }
}
