using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests.FirstHour;

/// <summary>Mistakes a new user makes on the command line: each is refused at once, in one line that says what is
/// wrong and what to do.</summary>
public sealed class CommandLineErrorTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "supportchat-first-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_capacity_that_is_not_a_number_is_refused_in_words()
    {
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--capacity", "abc", "--json", "--server", NowhereUrl());

        Assert.Equal(2, await agent.WaitForExitAsync());
        Assert.Contains("--capacity", agent.Errors, StringComparison.Ordinal);
        Assert.Contains("whole number", agent.Errors, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", agent.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a b")]
    [InlineData("general,bil ling")]
    public async Task A_department_name_the_server_would_refuse_is_a_bad_option_of_serve(string departments)
    {
        await using var serve = CliProcess.Start("serve", "--departments", departments, "--data", _folder, "--web-urls", "none");

        Assert.Equal(2, await serve.WaitForExitAsync());
        Assert.Contains("--departments:", serve.Errors, StringComparison.Ordinal);
        Assert.Contains("is not a department name", serve.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(_folder), "nothing is created for a refused command line");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("101")]
    public async Task An_agent_capacity_out_of_range_is_refused_before_connecting(string capacity)
    {
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--capacity", capacity, "--json", "--server", NowhereUrl());

        Assert.Equal(2, await agent.WaitForExitAsync());
        Assert.Contains("--capacity must be from 1 to 100", agent.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_email_the_server_would_refuse_is_refused_before_connecting()
    {
        await using var customer = CliProcess.Start("customer", "--name", "Bob", "--email", "bob at example.com", "--json", "--server", NowhereUrl());

        Assert.Equal(2, await customer.WaitForExitAsync());
        Assert.Contains("--email: email must have exactly one '@'", customer.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_web_origin_that_is_not_an_origin_is_refused_in_one_line()
    {
        await using var serve = CliProcess.Start("serve", "--web-origins", "https://shop.example.com/cart", "--data", Path.Combine(_folder, "data"));

        Assert.Equal(2, await serve.WaitForExitAsync());
        var line = Assert.Single(serve.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.Contains("--web-origins: 'https://shop.example.com/cart' is not an origin", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_token_in_the_environment_signs_an_agent_in_without_a_name()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var add = CliProcess.Start("agents", "add", "--name", "Ada Lovelace", "--data", server.DataDirectory);
        Assert.Equal(0, await add.WaitForExitAsync());

        await using var agent = CliProcess.StartWith(new Dictionary<string, string> { ["SUPPORTCHAT_TOKEN"] = add.Lines[^1] },
            "agent", "--json", "--server", server.Url);

        Assert.Equal("Ada Lovelace", (string?)(await agent.WaitForTypeAsync("ready")).Json["name"]);
    }

    [Fact]
    public async Task Agents_add_checks_a_department_against_the_servers_departments_when_given_them()
    {
        var data = Path.Combine(_folder, "data");
        await using var refused = CliProcess.Start("agents", "add", "--name", "Ada", "--department", "billing", "--departments", "general,sales", "--data", data);
        Assert.Equal(2, await refused.WaitForExitAsync());
        Assert.Contains("'billing' is not one of the server's departments (general, sales)", refused.Errors, StringComparison.Ordinal);

        await using var accepted = CliProcess.Start("agents", "add", "--name", "Ada", "--department", "Sales", "--departments", "general,sales", "--data", data);
        Assert.Equal(0, await accepted.WaitForExitAsync());
    }

    [Fact]
    public async Task Agents_add_with_a_department_it_cannot_check_says_what_the_server_must_offer()
    {
        await using var add = CliProcess.Start("agents", "add", "--name", "Ada", "--department", "billing", "--data", Path.Combine(_folder, "data"));

        Assert.Equal(0, await add.WaitForExitAsync());
        Assert.Contains("serve --departments", add.Errors, StringComparison.Ordinal);
        Assert.Contains("billing", add.Errors, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("list")]
    [InlineData("remove")]
    [InlineData("reset-token")]
    public async Task An_accounts_command_on_a_mistyped_data_folder_creates_nothing(string verb)
    {
        var data = Path.Combine(_folder, "dtaa");
        string[] args = verb == "list" ? ["agents", verb, "--data", data] : ["agents", verb, "--name", "Ada", "--data", data];
        await using var command = CliProcess.Start(args);

        Assert.Equal(1, await command.WaitForExitAsync());
        Assert.Contains("no SupportChat data", command.Errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(data), "the mistyped folder was created");
    }

    [Fact]
    public async Task History_with_no_server_says_nothing_is_listening_and_what_to_do_in_one_line()
    {
        await using var history = CliProcess.Start("history", "--server", NowhereUrl());

        Assert.Equal(1, await history.WaitForExitAsync());
        var line = Assert.Single(history.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("nothing is listening", line, StringComparison.Ordinal);
        Assert.Contains("supportchat serve", line, StringComparison.Ordinal);
        Assert.DoesNotContain("subchannel", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_with_no_server_is_told_nothing_is_listening_without_repeating_itself()
    {
        await using var customer = CliProcess.Start("customer", "--name", "Bob", "--json", "--new", "--server", NowhereUrl());

        Assert.Equal(1, await customer.WaitForExitAsync());
        var message = (string)(await customer.WaitForTypeAsync("error")).Json["message"]!;
        Assert.Contains("nothing is listening", message, StringComparison.Ordinal);
        Assert.DoesNotContain("(cannot reach", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_given_an_unknown_host_is_told_to_check_the_address()
    {
        await using var customer = CliProcess.Start("customer", "--name", "Bob", "--json", "--new", "--server", "http://no-such-host.invalid:5000");

        Assert.Equal(1, await customer.WaitForExitAsync());
        var message = (string)(await customer.WaitForTypeAsync("error")).Json["message"]!;
        Assert.Contains("unknown host 'no-such-host.invalid'", message, StringComparison.Ordinal);
        Assert.Contains("--server", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_customer_speaking_plain_http_to_a_tls_server_is_told_to_use_https()
    {
        await using var certs = CliProcess.Start("certs", "create", "--out", _folder);
        Assert.Equal(0, await certs.WaitForExitAsync());
        var port = ServerProcess.FreePort();
        await using var server = CliProcess.StartWith(new Dictionary<string, string> { ["SUPPORTCHAT_Orleans__AdvertisedAddress"] = "127.0.0.1" },
            "serve", "--urls", $"https://127.0.0.1:{port}", "--web-urls", "none", "--tls-cert", Path.Combine(_folder, "cert.pem"), "--tls-key", Path.Combine(_folder, "key.pem"),
            "--data", Path.Combine(_folder, "data"), "--silo-port", ServerProcess.FreePort().ToString(), "--gateway-port", ServerProcess.FreePort().ToString());
        await server.WaitForStderrAsync(ServerProcess.ReadyMarker);

        await using var customer = CliProcess.Start("customer", "--name", "Bob", "--json", "--new", "--server", $"http://127.0.0.1:{port}");

        Assert.Equal(1, await customer.WaitForExitAsync());
        var message = (string)(await customer.WaitForTypeAsync("error")).Json["message"]!;
        Assert.Contains($"https://127.0.0.1:{port}", message, StringComparison.Ordinal);
    }

    /// <summary>A loopback port nothing listens on.</summary>
    private static string NowhereUrl() => $"http://127.0.0.1:{ServerProcess.FreePort()}";
}
