using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>The security commands through real processes: accounts, certificates and the listen policy.</summary>
public sealed class SecurityCommandTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "supportchat-sec-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Agents_add_prints_the_token_alone_on_the_last_line_and_list_never_shows_it()
    {
        var data = Path.Combine(_folder, "data");
        await using var add = CliProcess.Start("agents", "add", "--name", "Ada Lovelace", "--department", "billing", "--capacity", "2", "--data", data);
        Assert.Equal(0, await add.WaitForExitAsync());
        var token = add.Lines[^1];
        Assert.Matches("^sct_[A-Za-z0-9_-]{43}$", token);

        await using var again = CliProcess.Start("agents", "add", "--name", "ada  lovelace", "--data", data);
        Assert.Equal(1, await again.WaitForExitAsync());
        Assert.Contains("already exists", again.Errors);

        await using var list = CliProcess.Start("agents", "list", "--data", data);
        Assert.Equal(0, await list.WaitForExitAsync());
        Assert.Contains(list.Lines, l => l.Contains("Ada Lovelace", StringComparison.Ordinal) && l.Contains("billing", StringComparison.Ordinal));
        Assert.DoesNotContain(list.Lines, l => l.Contains(token, StringComparison.Ordinal));

        await using var reset = CliProcess.Start("agents", "reset-token", "--name", "Ada Lovelace", "--data", data);
        Assert.Equal(0, await reset.WaitForExitAsync());
        Assert.NotEqual(token, reset.Lines[^1]);
        Assert.Matches("^sct_", reset.Lines[^1]);

        await using var remove = CliProcess.Start("agents", "remove", "--name", "Ada Lovelace", "--data", data);
        Assert.Equal(0, await remove.WaitForExitAsync());
        await using var removeAgain = CliProcess.Start("agents", "remove", "--name", "Ada Lovelace", "--data", data);
        Assert.Equal(1, await removeAgain.WaitForExitAsync());
    }

    [Fact]
    public async Task Serve_refuses_a_plain_address_other_machines_can_reach_and_says_why()
    {
        await using var serve = CliProcess.Start("serve", "--urls", "http://0.0.0.0:5999", "--data", Path.Combine(_folder, "data"));
        Assert.Equal(1, await serve.WaitForExitAsync());
        Assert.Contains("without TLS", serve.Errors);
        Assert.Contains("--tls-cert", serve.Errors);
        Assert.Contains("--insecure", serve.Errors);
    }

    [Fact]
    public async Task Certs_create_writes_a_certificate_and_a_private_key()
    {
        await using var certs = CliProcess.Start("certs", "create", "--out", _folder, "--host", "chat.example.com", "--host", "10.0.0.5");
        Assert.Equal(0, await certs.WaitForExitAsync());
        var certificate = System.Security.Cryptography.X509Certificates.X509Certificate2.CreateFromPemFile(
            Path.Combine(_folder, "cert.pem"), Path.Combine(_folder, "key.pem"));
        Assert.True(certificate.HasPrivateKey);
        Assert.True(certificate.MatchesHostname("chat.example.com"));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, "key.pem")));
        }
    }

    [Fact]
    public async Task Certs_create_refuses_to_replace_an_existing_key_unless_forced()
    {
        await using (var first = CliProcess.Start("certs", "create", "--out", _folder))
        {
            Assert.Equal(0, await first.WaitForExitAsync());
        }

        var key = File.ReadAllText(Path.Combine(_folder, "key.pem"));
        await using (var again = CliProcess.Start("certs", "create", "--out", _folder))
        {
            Assert.Equal(1, await again.WaitForExitAsync());
            Assert.Contains("--force", again.Errors);
        }

        Assert.Equal(key, File.ReadAllText(Path.Combine(_folder, "key.pem")));
        await using (var forced = CliProcess.Start("certs", "create", "--out", _folder, "--force"))
        {
            Assert.Equal(0, await forced.WaitForExitAsync());
        }

        Assert.NotEqual(key, File.ReadAllText(Path.Combine(_folder, "key.pem")));
    }

    [Fact]
    public async Task Certs_create_prints_a_server_and_a_client_command_that_work_for_the_host_given()
    {
        // Only a name, no address: a client hint that says https://127.0.0.1 fails on the certificate's name.
        await using var certs = CliProcess.Start("certs", "create", "--out", _folder, "--host", "localhost");
        Assert.Equal(0, await certs.WaitForExitAsync());
        var port = ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture);
        string[] Printed(string label) =>
            [.. certs.Lines.Single(l => l.StartsWith(label, StringComparison.Ordinal))[label.Length..].Trim()
                .Replace(":5001", ":" + port, StringComparison.Ordinal).Split(' ').Skip(1).Where(a => a != "…")];

        // Free ports for what the printed line leaves at their defaults (5080 for the web listener, the Orleans ports),
        // which another server on this machine may hold.
        await using var server = CliProcess.Start([.. Printed("server:"), "--data", Path.Combine(_folder, "data"),
            "--web-urls", "https://localhost:" + ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--silo-port", ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        await server.WaitForStderrAsync(ServerProcess.ReadyMarker);
        await using var agent = CliProcess.Start([.. Printed("clients:"), "--name", "Ada", "--json"]);

        var (ready, _) = await agent.WaitForTypeAsync("ready");
        Assert.Equal("Ada", (string?)ready["name"]);
    }
}
