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
    [InlineData("0")]
    [InlineData("101")]
    public async Task An_agent_capacity_out_of_range_is_refused_before_connecting(string capacity)
    {
        await using var agent = CliProcess.Start("agent", "--name", "Ada", "--capacity", capacity, "--json", "--server", NowhereUrl());

        Assert.Equal(2, await agent.WaitForExitAsync());
        Assert.Contains("--capacity must be from 1 to 100", agent.Errors, StringComparison.Ordinal);
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

    /// <summary>A loopback port nothing listens on.</summary>
    private static string NowhereUrl() => $"http://127.0.0.1:{ServerProcess.FreePort()}";
}
