using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.Events;
using SupportChat.Server.Security;

namespace SupportChat.EndToEnd.Tests;

/// <summary>TLS end to end: a server with a certificate, clients that trust it through --ca, and clients that do not.</summary>
public sealed class TlsTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly string _certs = Path.Combine(Path.GetTempPath(), "supportchat-certs-" + Guid.NewGuid().ToString("N"));
    private TestServer _server = null!;
    private string _certificate = null!;

    public async Task InitializeAsync()
    {
        var (certificate, key, _) = SelfSignedCertificate.Write(_certs, ["localhost", "127.0.0.1"]);
        _certificate = certificate;
        _server = await TestServer.StartWithAsync(new Dictionary<string, string?>
        {
            ["Urls"] = "https://127.0.0.1:0",
            ["Tls:CertificatePath"] = certificate,
            ["Tls:KeyPath"] = key,
        });
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        Directory.Delete(_certs, recursive: true);
    }

    [Fact]
    public async Task Agent_and_customer_chat_over_tls_when_they_trust_the_certificate()
    {
        Assert.StartsWith("https://", _server.Url);
        await using var connection = SupportChatConnection.Create(_server.Url, new ConnectionOptions(_certificate));
        await using var ada = await connection.StartAgentAsync(new AgentSignIn("Ada", []), None);
        await using var bob = await connection.StartCustomerAsync(new CustomerJoin("Bob"), None);
        var adaEvents = EventProbe.Watch(ada, "Ada");

        var sent = await bob.SendAsync("hello over TLS", None);

        Assert.Equal("hello over TLS", (await adaEvents.WaitForAsync<MessageReceived>()).Text);
        Assert.Equal(1, sent.Seq);
    }

    [Fact]
    public async Task A_client_that_does_not_trust_the_certificate_is_told_so()
    {
        var otherCa = Path.Combine(_certs, "other");
        var (other, _, _) = SelfSignedCertificate.Write(otherCa, ["localhost", "127.0.0.1"]);
        foreach (var options in new[] { new ConnectionOptions(), new ConnectionOptions(other) })
        {
            await using var connection = SupportChatConnection.Create(_server.Url, options);
            var refused = await Assert.ThrowsAsync<ChatClientException>(() => connection.StartCustomerAsync(new CustomerJoin("Bob"), None));
            Assert.Contains("not trusted", refused.Message);
        }
    }

    [Fact]
    public async Task A_client_that_uses_a_name_the_certificate_was_not_made_for_is_told_which_names_it_has()
    {
        var (certificate, key, _) = SelfSignedCertificate.Write(Path.Combine(_certs, "named"), ["localhost"]);
        await using var server = await TestServer.StartWithAsync(new Dictionary<string, string?>
        {
            ["Urls"] = "https://127.0.0.1:0",
            ["Tls:CertificatePath"] = certificate,
            ["Tls:KeyPath"] = key,
        });
        await using var connection = SupportChatConnection.Create(server.Url, new ConnectionOptions(certificate));

        var session = await Assert.ThrowsAsync<ChatClientException>(() => connection.StartCustomerAsync(new CustomerJoin("Bob"), None));
        var history = await Assert.ThrowsAsync<ChatClientException>(() => connection.ListConversationsAsync(0, None));

        foreach (var refused in new[] { session, history })
        {
            Assert.Equal("Unavailable", refused.Code);
            Assert.Contains("is for localhost, not 127.0.0.1", refused.Message);
        }
    }
}
