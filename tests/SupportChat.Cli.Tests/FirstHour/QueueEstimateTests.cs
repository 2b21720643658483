using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests.FirstHour;

/// <summary>A customer waiting while no agent is available is told so, not given a wait estimate from when there
/// were agents.</summary>
public sealed class QueueEstimateTests
{
    [Fact]
    public async Task With_no_agent_available_the_queued_event_gives_no_estimate_and_says_nobody_is_available()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var ada = CliProcess.Start("agent", "--name", "Ada", "--capacity", "3", "--server", server.Url, "--json");
        await ada.WaitForTypeAsync("ready");
        // Two assignments, a moment apart: enough for the department to estimate waits from.
        await using var bob = CliProcess.Start("customer", "--name", "Bob", "--server", server.Url, "--json", "--new");
        await bob.WaitForTypeAsync("assigned");
        await using var carol = CliProcess.Start("customer", "--name", "Carol", "--server", server.Url, "--json", "--new");
        await carol.WaitForTypeAsync("assigned");

        ada.CloseInput();
        Assert.Equal(0, await ada.WaitForExitAsync());

        var (queued, _) = await bob.WaitForTypeAsync("queued");
        Assert.Null(queued["estimated_wait_seconds"]);
        Assert.True((bool?)queued["no_agent_available"]);
    }

    [Fact]
    public async Task A_customer_waiting_for_a_full_agent_is_not_told_that_nobody_is_available()
    {
        await using var server = await ServerProcess.StartAsync();
        await using var ada = CliProcess.Start("agent", "--name", "Ada", "--capacity", "1", "--server", server.Url, "--json");
        await ada.WaitForTypeAsync("ready");
        await using var bob = CliProcess.Start("customer", "--name", "Bob", "--server", server.Url, "--json", "--new");
        await bob.WaitForTypeAsync("assigned");

        await using var carol = CliProcess.Start("customer", "--name", "Carol", "--server", server.Url, "--json", "--new");

        var (queued, _) = await carol.WaitForTypeAsync("queued");
        Assert.False((bool?)queued["no_agent_available"]);
    }
}
