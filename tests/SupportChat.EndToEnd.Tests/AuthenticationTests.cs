using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.Events;
using SupportChat.Server.Hosting;
using SupportChat.Storage.Accounts;
using SupportChat.Storage.Sqlite;

namespace SupportChat.EndToEnd.Tests;

/// <summary>Who may sign in as an agent: the auth matrix against a real server with real accounts.</summary>
public sealed class AuthenticationTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestServer _server = null!;
    private SqliteAccounts _accounts = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartAsync(null, "general", "billing");
        _accounts = new SqliteAccounts(new SqliteStoreOptions { DataDirectory = _server.DataDirectory });
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Without_accounts_on_loopback_agents_sign_in_by_name()
    {
        await using var session = await StartAgentAsync(null, "Ada");
        Assert.Equal("Ada", (await Ready(session)).Name);
    }

    [Fact]
    public async Task With_an_account_the_token_decides_who_the_agent_is()
    {
        var token = await AddAsync("Ada Lovelace", "billing", capacity: 2);

        await using var session = await StartAgentAsync(token, "Mallory", capacity: 50);
        var ready = await Ready(session);

        Assert.Equal(("ada-lovelace", "Ada Lovelace", 2), (ready.AgentId, ready.Name, ready.Capacity));
        Assert.Equal(["billing"], ready.Departments);
        Assert.Equal(["general", "billing"], ready.ServerDepartments); // where it may transfer a conversation
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("sct_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Once_an_account_exists_a_missing_malformed_or_unknown_token_is_unauthenticated(string? token)
    {
        await AddAsync("Ada", "general");

        var refused = await Assert.ThrowsAsync<ChatClientException>(() => StartAgentAsync(token, "Ada"));

        Assert.Equal("Unauthenticated", refused.Code);
    }

    [Fact]
    public async Task A_removed_or_reset_account_token_stops_working()
    {
        var ada = await AddAsync("Ada", "general");
        var bill = await AddAsync("Bill", "general");
        Assert.True(await _accounts.RemoveAsync("ada", AccountRole.Agent, None));
        var billsNew = await _accounts.ResetTokenAsync("bill", AccountRole.Agent, None);

        Assert.Equal("Unauthenticated", (await Assert.ThrowsAsync<ChatClientException>(() => StartAgentAsync(ada, "Ada"))).Code);
        Assert.Equal("Unauthenticated", (await Assert.ThrowsAsync<ChatClientException>(() => StartAgentAsync(bill, "Bill"))).Code);
        await using var session = await StartAgentAsync(billsNew, "Bill");
        Assert.Equal("Bill", (await Ready(session)).Name);
    }

    [Fact]
    public async Task An_admin_token_cannot_sign_in_as_an_agent()
    {
        await AddAsync("Ada", "general");
        var admin = await _accounts.AddAsync(new Account("admin-1", AccountRole.Admin, "admin", [], 0, "", DateTimeOffset.UtcNow), None);

        Assert.Equal("PermissionDenied", (await Assert.ThrowsAsync<ChatClientException>(() => StartAgentAsync(admin, "Ada"))).Code);
    }

    [Fact]
    public void Plain_http_beyond_loopback_is_refused_unless_insecure_and_https_needs_a_certificate()
    {
        var tls = new TlsOptions();
        Assert.Empty(ListenPolicy.Check(ListenPolicy.Addresses("http://127.0.0.1:5000;http://[::1]:5000;http://localhost:5001"), tls));
        foreach (var exposed in new[] { "http://0.0.0.0:5000", "http://*:5000", "http://+:5000", "http://192.168.1.20:5000", "http://[::]:5000" })
        {
            var refused = Assert.Throws<InvalidOperationException>(() => ListenPolicy.Check(ListenPolicy.Addresses(exposed), tls));
            Assert.Contains("TLS", refused.Message);
            Assert.Contains("--insecure", refused.Message);
            Assert.Single(ListenPolicy.Check(ListenPolicy.Addresses(exposed), new TlsOptions { AllowInsecure = true }));
        }

        Assert.Throws<InvalidOperationException>(() => ListenPolicy.Check(ListenPolicy.Addresses("https://0.0.0.0:5001"), tls));
        Assert.Throws<InvalidOperationException>(() => ListenPolicy.Check(ListenPolicy.Addresses("https://0.0.0.0:5001"), new TlsOptions { CertificatePath = "c.pem" }));
        Assert.Empty(ListenPolicy.Check(ListenPolicy.Addresses("https://0.0.0.0:5001"), new TlsOptions { CertificatePath = "c.pem", KeyPath = "k.pem" }));
    }

    [Fact]
    public async Task History_shows_each_caller_only_what_its_token_allows()
    {
        var ada = await AddAsync("Ada", "billing");
        var bill = await AddAsync("Bill", "general");
        var admin = await _accounts.AddAsync(new Account("admin-1", AccountRole.Admin, "admin", [], 0, "", DateTimeOffset.UtcNow), None);
        await using var adaSession = await StartAgentAsync(ada, "Ada");
        await using var billSession = await StartAgentAsync(bill, "Bill");
        await using var customers = SupportChatConnection.Create(_server.Url);
        await using var carol = await customers.StartCustomerAsync(new CustomerJoin("Carol", "billing"), None);
        await using var dave = await customers.StartCustomerAsync(new CustomerJoin("Dave", "general"), None);
        var billing = (await carol.SendAsync("billing question", None)).ConversationId;
        var general = (await dave.SendAsync("general question", None)).ConversationId;

        await using var anonymous = SupportChatConnection.Create(_server.Url);
        Assert.Equal("Unauthenticated", (await Assert.ThrowsAsync<ChatClientException>(() => anonymous.ListConversationsAsync(0, None))).Code);

        await using var asAda = SupportChatConnection.Create(_server.Url, new ConnectionOptions(Token: ada));
        Assert.Equal([billing], (await asAda.ListConversationsAsync(0, None)).Select(c => c.ConversationId));
        Assert.Equal("billing question", (await asAda.GetTranscriptAsync(billing, None)).Messages.Single().Text);
        var foreign = await Assert.ThrowsAsync<ChatClientException>(() => asAda.GetTranscriptAsync(general, None));
        var missing = await Assert.ThrowsAsync<ChatClientException>(() => asAda.GetTranscriptAsync("cnosuchthing", None));
        Assert.Equal(("PermissionDenied", "PermissionDenied"), (foreign.Code, missing.Code));
        Assert.Equal(foreign.Message.Replace(general, "ID"), missing.Message.Replace("cnosuchthing", "ID"));

        await using var asCarol = SupportChatConnection.Create(_server.Url, new ConnectionOptions(Token: carol.Resume!.HistoryToken));
        Assert.Equal([billing], (await asCarol.ListConversationsAsync(0, None)).Select(c => c.ConversationId));
        Assert.Equal("billing question", (await asCarol.GetTranscriptAsync(billing, None)).Messages.Single().Text);
        Assert.Equal("PermissionDenied", (await Assert.ThrowsAsync<ChatClientException>(() => asCarol.GetTranscriptAsync(general, None))).Code);
        var forgedCustomer = $"customer:{carol.Resume.CustomerId}:{general}:{carol.Resume.SessionToken}";
        await using var asForger = SupportChatConnection.Create(_server.Url, new ConnectionOptions(Token: forgedCustomer));
        Assert.Equal("Unauthenticated", (await Assert.ThrowsAsync<ChatClientException>(() => asForger.GetTranscriptAsync(general, None))).Code);

        await using var asAdmin = SupportChatConnection.Create(_server.Url, new ConnectionOptions(Token: admin));
        Assert.Equal(2, (await asAdmin.ListConversationsAsync(0, None)).Count);
        Assert.Equal("NotFound", (await Assert.ThrowsAsync<ChatClientException>(() => asAdmin.GetTranscriptAsync("cnosuchthing", None))).Code);
    }

    private Task<string> AddAsync(string name, string department, int capacity = 3) =>
        _accounts.AddAsync(new Account(SupportChat.Domain.Ids.AgentIdFromName(name), AccountRole.Agent, name, [department], capacity, "", DateTimeOffset.UtcNow), None);

    private async Task<SupportChat.Client.Sessions.AgentSession> StartAgentAsync(string? token, string name, int? capacity = null)
    {
        var connection = SupportChatConnection.Create(_server.Url, new ConnectionOptions(Token: token));
        try
        {
            return await connection.StartAgentAsync(new AgentSignIn(name, [], capacity), None);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task<AgentReady> Ready(SupportChat.Client.Sessions.AgentSession session)
    {
        await foreach (var e in session.Events.ReadAllAsync())
        {
            if (e is AgentReady ready)
            {
                return ready;
            }
        }

        throw new InvalidOperationException("no ready event");
    }
}
