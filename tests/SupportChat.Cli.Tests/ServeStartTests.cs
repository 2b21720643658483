using System.Net;
using System.Net.Sockets;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests;

/// <summary>What `serve` says when it is ready, and how it refuses to start beside another server: a data folder held
/// by a running server, a silo or gateway port in use, an HTTP address in use. Real processes, as an operator runs them.</summary>
public sealed class ServeStartTests : IDisposable
{
    /// <summary>A refused start loads the whole server before it gives up; a loaded machine needs more than a command.</summary>
    private static readonly TimeSpan StartPatience = TimeSpan.FromSeconds(90);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "supportchat-start-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task Serve_says_in_one_line_when_it_is_ready_where_it_listens_keeps_its_data_and_which_departments()
    {
        await using var server = await ServerProcess.StartAsync("billing", "sales");

        var ready = Assert.Single(Lines(server.Log), l => l.Contains("SupportChat ready", StringComparison.Ordinal));
        Assert.Contains(server.Url, ready);
        Assert.Contains(Path.Combine(server.DataDirectory, "supportchat.db"), ready);
        Assert.Contains("billing, sales", ready);
    }

    [Fact]
    public async Task Serve_names_its_web_listener_in_the_ready_line_and_says_when_the_widget_was_not_built()
    {
        await using var server = await ServerProcess.StartWithWebAsync([], []);
        await using var without = await ServerProcess.StartAsync();

        var ready = Assert.Single(Lines(server.Log), l => l.Contains("SupportChat ready", StringComparison.Ordinal));
        Assert.Contains($"SupportChat ready on {server.Url}; web on {server.WebUrl}; history in", ready);
        Assert.Contains("; no web listener; history in", Assert.Single(Lines(without.Log), l => l.Contains("SupportChat ready", StringComparison.Ordinal)));
        using var http = new HttpClient { BaseAddress = new Uri(server.WebUrl!) };
        using var page = await http.GetAsync("/");
        if (!Directory.Exists(Path.Combine(AppContext.BaseDirectory, "wwwroot")))
        {
            // This build has no widget (it is copied into the server's output by the widget's own build step).
            Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
            Assert.Contains("the web widget was not built", await page.Content.ReadAsStringAsync());
            Assert.Single(Lines(server.Log), l => l.Contains("The web widget was not built", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_chat_leaves_no_library_chatter_in_the_server_log()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--json", "--server", server.Url);
        await agent.WaitForTypeAsync("ready");
        await using var customer = CliProcess.Start("customer", "--name", "Bob", "--json", "--server", server.Url);
        await customer.WaitForTypeAsync("assigned");
        await customer.SendAsync("""{"type":"send","text":"hello"}""");
        await agent.WaitForJsonAsync(o => (string?)o["text"] == "hello", "the customer's message");
        customer.CloseInput();
        Assert.Equal(0, await customer.WaitForExitAsync());

        // Polly logs every grain placement at Information; Orleans' watchdog warns at start with a figure measured
        // from an unset timestamp (the machine's uptime); the host's lifetime lines repeat what the ready line says.
        Assert.DoesNotContain("Polly", server.Log);
        Assert.DoesNotContain("Orleans.Runtime.Watchdog", server.Log);
        Assert.DoesNotContain("Microsoft.Hosting.Lifetime", server.Log);
    }

    [Fact]
    public async Task A_second_serve_on_the_same_data_folder_is_refused_naming_the_process_that_holds_it()
    {
        await using var first = await ServerProcess.StartAsync();

        await using var second = StartServe(first.DataDirectory, ServerProcess.FreePort(), ServerProcess.FreePort(), ServerProcess.FreePort());

        Assert.Equal(1, await second.WaitForExitAsync(StartPatience));
        var refusal = Assert.Single(Lines(second.Errors));
        Assert.Contains($"{first.DataDirectory} is in use by process {first.ProcessId}", refusal);
    }

    [Fact]
    public async Task A_killed_server_leaves_its_lock_file_behind_and_it_blocks_nobody()
    {
        await using var server = await ServerProcess.StartAsync();
        var lockFile = Path.Combine(server.DataDirectory, "server.lock");
        Assert.Equal(server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(lockFile).Trim());

        await server.CrashAsync();
        Assert.True(File.Exists(lockFile));
        await server.StartAgainAsync();

        Assert.Equal(server.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture), File.ReadAllText(lockFile).Trim());
    }

    [Fact]
    public async Task A_second_serve_on_the_silo_or_gateway_port_of_a_running_one_is_refused_naming_the_port()
    {
        await using var first = await ServerProcess.StartAsync();

        await using var silo = StartServe(Path.Combine(_folder, "silo"), ServerProcess.FreePort(), first.SiloPort, ServerProcess.FreePort());
        await using var gateway = StartServe(Path.Combine(_folder, "gateway"), ServerProcess.FreePort(), ServerProcess.FreePort(), first.GatewayPort);

        Assert.Equal(1, await silo.WaitForExitAsync(StartPatience));
        var siloRefusal = Assert.Single(Lines(silo.Errors));
        Assert.Contains($"127.0.0.1:{first.SiloPort}", siloRefusal);
        Assert.Contains("--silo-port", siloRefusal);
        Assert.Equal(1, await gateway.WaitForExitAsync(StartPatience));
        var gatewayRefusal = Assert.Single(Lines(gateway.Errors));
        Assert.Contains($"127.0.0.1:{first.GatewayPort}", gatewayRefusal);
        Assert.Contains("--gateway-port", gatewayRefusal);
    }

    [Fact]
    public async Task A_certificate_file_that_holds_no_certificate_is_refused_in_one_line_naming_the_files()
    {
        Directory.CreateDirectory(_folder);
        var notPem = Path.Combine(_folder, "cert.pem");
        await File.WriteAllTextAsync(notPem, "this is not a certificate\n");

        await using var serve = CliProcess.Start("serve", "--data", Path.Combine(_folder, "data"), "--tls-cert", notPem, "--tls-key", notPem,
            "--urls", $"https://127.0.0.1:{ServerProcess.FreePort()}", "--web-urls", "none");

        Assert.Equal(1, await serve.WaitForExitAsync(StartPatience));
        var refusal = Assert.Single(Lines(serve.Errors));
        Assert.Contains($"cannot load the TLS certificate {notPem} / key {notPem}:", refusal);
    }

    [Fact]
    public async Task Serve_on_an_address_in_use_says_so_in_one_line_naming_it()
    {
        using var other = new TcpListener(IPAddress.Loopback, 0);
        other.Start();
        var port = ((IPEndPoint)other.LocalEndpoint).Port;

        await using var serve = StartServe(Path.Combine(_folder, "data"), port, ServerProcess.FreePort(), ServerProcess.FreePort());

        Assert.Equal(1, await serve.WaitForExitAsync(StartPatience));
        var refusal = Assert.Single(Lines(serve.Errors));
        Assert.Contains($"http://127.0.0.1:{port}", refusal);
        Assert.Contains("in use", refusal);
        Assert.Contains("--urls", refusal);
    }

    [Theory]
    [InlineData("SUPPORTCHAT_Chat__DefaultCapacity", "0", "Chat:DefaultCapacity: The field DefaultCapacity must be between 1 and 100.")]
    [InlineData("SUPPORTCHAT_Chat__Departments__0", "a b", "Chat:Departments: department 'a b' is not valid")]
    [InlineData("SUPPORTCHAT_Store__Durability", "Fast", "'Fast' at 'Store:Durability'")]
    public async Task A_bad_configuration_value_is_refused_in_one_line_naming_its_key(string variable, string value, string expected)
    {
        await using var serve = CliProcess.StartWith(
            new Dictionary<string, string> { [variable] = value },
            "serve", "--urls", $"http://127.0.0.1:{ServerProcess.FreePort()}", "--data", Path.Combine(_folder, "data"),
            "--silo-port", ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--gateway-port", ServerProcess.FreePort().ToString(System.Globalization.CultureInfo.InvariantCulture));

        Assert.Equal(1, await serve.WaitForExitAsync(StartPatience));
        var refusal = Assert.Single(Lines(serve.Errors));
        Assert.Contains(expected, refusal);
        Assert.DoesNotContain("DataAnnotation", refusal);
    }

    private static CliProcess StartServe(string data, int port, int siloPort, int gatewayPort) => CliProcess.Start(
        "serve", "--urls", $"http://127.0.0.1:{port}", "--web-urls", "none", "--data", data, "--silo-port", siloPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "--gateway-port", gatewayPort.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static string[] Lines(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
