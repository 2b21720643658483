using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SupportChat.Domain.Conversations;
using SupportChat.Storage.Sqlite;

namespace SupportChat.EndToEnd.Tests.Operations;

/// <summary>`/healthz` and `/readyz` over plain HTTP on the web listener, against a real server and SQLite file.</summary>
public sealed class HealthTests : IAsyncLifetime
{
    private TestServer _server = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartWithAsync(new Dictionary<string, string?> { ["Web:Urls"] = "http://127.0.0.1:0" });
        _http = new HttpClient { BaseAddress = new Uri(_server.WebUrl), Timeout = TimeSpan.FromSeconds(30) };
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task Healthz_answers_ok()
    {
        using var response = await _http.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("ok", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Readyz_lists_the_store_and_the_silo_as_healthy()
    {
        var (status, checks) = await ReadyAsync();

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("Healthy", checks["store"]);
        Assert.Equal("Healthy", checks["silo"]);
    }

    [Fact]
    public async Task Readyz_is_503_naming_the_store_while_its_commits_fail_and_200_once_one_succeeds()
    {
        var store = _server.Services.GetRequiredService<SqliteChatStore>();
        store.CommitStarting = _ => throw new IOException("injected: disk full");
        await Assert.ThrowsAsync<IOException>(() => store.SaveConversationAsync(Conversation(), CancellationToken.None));

        var (failing, checks) = await ReadyAsync();

        Assert.Equal(HttpStatusCode.ServiceUnavailable, failing);
        Assert.Equal("Unhealthy", checks["store"]);
        Assert.Equal("Healthy", checks["silo"]);

        store.CommitStarting = null;
        await store.SaveConversationAsync(Conversation(), CancellationToken.None);
        Assert.Equal(HttpStatusCode.OK, (await ReadyAsync()).Status);
    }

    [Fact]
    public async Task Health_is_not_served_on_the_grpc_listener()
    {
        using var h2c = new HttpClient
        {
            BaseAddress = new Uri(_server.Url),
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };

        using var response = await h2c.GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private async Task<(HttpStatusCode Status, Dictionary<string, string> Checks)> ReadyAsync()
    {
        using var response = await _http.GetAsync("/readyz");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var checks = body.RootElement.GetProperty("checks").EnumerateArray()
            .ToDictionary(c => c.GetProperty("name").GetString()!, c => c.GetProperty("status").GetString()!);
        return (response.StatusCode, checks);
    }

    private static ConversationRecord Conversation() => new(
        $"probe-{Guid.NewGuid():N}", "c1", "Customer", "general", ConversationStatus.Ended, null, null, [],
        DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, EndedBy.Customer, 0);
}
