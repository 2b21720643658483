using SupportChat.Cli.Tests.Processes;
using Xunit.Abstractions;
using static SupportChat.Cli.Tests.FaultTests;

namespace SupportChat.Cli.Tests;

/// <summary>
/// Three real server processes as one cluster on PostgreSQL (each test in a schema of its own). A node is killed with
/// SIGKILL mid-conversation (the agent's, or the conversation's while both sides keep sending); the invariant of a
/// single server must still hold: each message stored and seen once, in its sender's order, the same order everywhere.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class ClusterFaultTests(PostgresDatabase database, ITestOutputHelper output)
{
    private const int PipelinedPerSide = 60;
    private const int PipelinedKillAfter = 60;

    /// <summary>About 30 writes a second in all, the pace of the issue's reproduction. Each client stays below the
    /// server's send rate, so the refusals come from the kill, not from speed.</summary>
    private static readonly TimeSpan PipelinedPace = TimeSpan.FromMilliseconds(33);

    /// <summary>For every message to arrive after the kill: the node is declared dead in about 10 s, and a send refused
    /// meanwhile waits out back-offs of 0.25 s doubling each round; generous for a loaded two-core machine.</summary>
    private static readonly TimeSpan PipelinedPatience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task Killing_the_node_of_the_agents_stream_mid_conversation_loses_nothing_and_the_agent_moves_on_its_own()
    {
        await using var cluster = await ClusterChat.StartAsync(database);
        var (first, second, third, agent, customer, conversation) = cluster;

        var texts = new List<string>();
        try
        {
            await ChatAsync(agent, customer, texts, "before", 10);
            await first.CrashAsync();
            await ChatAsync(agent, customer, texts, "after", 10);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"{FirstLine(ex)}\n{Digest(agent, customer, first, second, third)}\n\n"
                + $"customer:\n{string.Join('\n', customer.Lines)}\n{customer.Errors}\n"
                + $"first node:\n{first.Log}\nsecond node:\n{second.Log}\nthird node:\n{third.Log}\n{ex.Message}", ex);
        }

        Assert.Contains("reconnected to", agent.Errors, StringComparison.Ordinal);
        AssertSeenOnceInOrder(customer.Lines, texts);
        AssertSeenOnceInOrder(agent.Lines, texts);
        Assert.Equal(texts, await TranscriptAsync(second, conversation));
        Assert.Equal(texts, await TranscriptAsync(third, conversation));
    }

    [Fact]
    public async Task Both_sides_sending_without_waiting_while_the_conversations_node_is_killed_keep_each_senders_order_everywhere()
    {
        await using var cluster = await ClusterChat.StartAsync(database);
        var (first, second, third, agent, customer, conversation) = cluster;

        // Sends are refused (and resent) only while the conversation's own node is gone; losing just a stream's node
        // means a new stream, which resends everything unacknowledged in order (killing only the agent's node, a client
        // that resent just the refused send passed six runs of six). Orleans places the conversation by load, often
        // not on the agent's node, so the node killed is the conversation's: the issue's case when that is the agent's
        // node, its mirror when it is the customer's, and both senders refused when it is the third.
        var doomed = await NodeOfAsync(conversation, first, second, third);
        output.WriteLine($"the conversation runs on node {Array.IndexOf([first, second, third], doomed) + 1}, which is killed");

        // Pipelined: nobody waits for a message to be seen before writing the next, so at the kill both clients have
        // sends in flight and queued behind them, and their resends race the other side's new messages.
        List<string> fromCustomer = [], fromAgent = [];
        Task? crash = null;
        using (var pace = new PeriodicTimer(PipelinedPace))
        {
            for (var i = 1; i <= PipelinedPerSide; i++)
            {
                foreach (var (from, prefix, texts) in new[] { (customer, "c", fromCustomer), (agent, "a", fromAgent) })
                {
                    await pace.WaitForNextTickAsync();
                    var text = $"{prefix}-{i:0000}";
                    await from.SendAsync(Send(text));
                    texts.Add(text);
                    if (fromCustomer.Count + fromAgent.Count == PipelinedKillAfter)
                    {
                        // Not awaited here: the kill is immediate, and the writes go on at their pace while it is reaped.
                        crash = doomed.CrashAsync();
                    }
                }
            }
        }

        await crash!;
        try
        {
            // The node must be declared dead and the refused sends wait out back-offs that double each round.
            var deadline = DateTime.UtcNow + PipelinedPatience;
            await WaitForAllAsync(customer, [.. fromCustomer, .. fromAgent], "the customer", deadline);
            await WaitForAllAsync(agent, [.. fromCustomer, .. fromAgent], "the agent", deadline);
            output.WriteLine($"both sides saw everything {(PipelinedPatience - (deadline - DateTime.UtcNow)).TotalSeconds:0.0} s after the kill was reaped");
        }
        catch (Exception ex) when (ex is TimeoutException or InvalidOperationException)
        {
            // Both sides' events (an error event says more than a missing message), what the store holds (stored but
            // not delivered, or never stored) and the nodes' logs say why.
            var survivor = new[] { first, second, third }.First(n => n != doomed);
            var stored = await StoredAsync(survivor, conversation);
            throw new TimeoutException($"{FirstLine(ex)}\n{Digest(agent, customer, first, second, third)}\n"
                + $"stored (last):\n{LogDigest.OfClient(stored.Split('\n'), string.Empty)}\n\n"
                + $"agent:\n{string.Join('\n', agent.Lines)}\n{agent.Errors}\n"
                + $"customer:\n{string.Join('\n', customer.Lines)}\n{customer.Errors}\n"
                + $"stored:\n{stored}\n"
                + $"first node:\n{first.Log}\nsecond node:\n{second.Log}\nthird node:\n{third.Log}\n{ex.Message}", ex);
        }

        var atCustomer = AssertSeenOnceInSendersOrder(customer.Lines, fromCustomer, fromAgent, "the customer");
        var atAgent = AssertSeenOnceInSendersOrder(agent.Lines, fromCustomer, fromAgent, "the agent");
        Assert.Equal(atAgent, atCustomer);
        foreach (var node in new[] { first, second, third }.Where(n => n != doomed))
        {
            var transcript = await TranscriptAsync(node, conversation);
            AssertInSendersOrder(transcript, fromCustomer, "the customer", "in the transcript");
            AssertInSendersOrder(transcript, fromAgent, "the agent", "in the transcript");
            Assert.Equal(atAgent.Select(m => m.Text), transcript);
        }

        // Whoever streamed through the killed node (each client is on the first node of its list) moved on by itself.
        foreach (var (side, _) in new[] { (Side: agent, Node: first), (Side: customer, Node: second) }.Where(s => s.Node == doomed))
        {
            Assert.Contains("reconnected to", side.Errors, StringComparison.Ordinal);
        }
    }

    private static string FirstLine(Exception ex) => ex.Message.Split('\n')[0];

    /// <summary>What each side last saw and what each node last warned of, before the full logs.</summary>
    private static string Digest(CliProcess agent, CliProcess customer, ServerProcess first, ServerProcess second, ServerProcess third) =>
        $"agent (last):\n{LogDigest.OfClient(agent.Lines, agent.Errors)}\ncustomer (last):\n{LogDigest.OfClient(customer.Lines, customer.Errors)}\n"
        + $"first node (agent's):\n{LogDigest.OfServer(first.Log)}\nsecond node (customer's):\n{LogDigest.OfServer(second.Log)}\n"
        + $"third node:\n{LogDigest.OfServer(third.Log)}";

    /// <summary>The conversation's history as the store has it, for a failure's message (never throws).</summary>
    private static async Task<string> StoredAsync(ServerProcess node, string conversation)
    {
        try
        {
            await using var history = CliProcess.Start("history", conversation, "--server", node.Url, "--json");
            await history.WaitForExitAsync();
            return string.Join('\n', history.Lines) + history.Errors;
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException or InvalidOperationException)
        {
            return $"(no history: {ex.Message})";
        }
    }

    /// <summary>The node the conversation's grain runs on: it logs the assignment there.</summary>
    private static async Task<ServerProcess> NodeOfAsync(string conversation, params ServerProcess[] nodes)
    {
        using var found = new CancellationTokenSource();
        var waits = nodes.Select(n => n.WaitForLogAsync($"Conversation {conversation} assigned to agent", found.Token)).ToList();
        var winner = await Task.WhenAny(waits);
        await winner; // no node logged it in time: the TimeoutException says so
        await found.CancelAsync();
        try
        {
            await Task.WhenAll(waits);
        }
        catch (OperationCanceledException)
        {
            // The other nodes' waits, ended once the line was found.
        }

        return nodes[waits.IndexOf(winner)];
    }

    /// <summary>Waits until every text has been shown as a message, in whatever order it comes.</summary>
    private static async Task WaitForAllAsync(CliProcess side, IEnumerable<string> texts, string who, DateTime deadline)
    {
        foreach (var text in texts)
        {
            var left = deadline - DateTime.UtcNow;
            await side.WaitForJsonAsync(o => IsMessage(o, text), $"'{text}' at {who}", patience: left > TimeSpan.Zero ? left : TimeSpan.Zero);
        }
    }

    /// <summary>Every message event once with seqs gapless from the first, no notice from SupportChat (nobody left, so no
    /// agent was replaced), every message sent shown once with its sender, and each sender's in the order it sent them.
    /// Returns the messages by seq.</summary>
    private static List<(long Seq, string Text)> AssertSeenOnceInSendersOrder(
        IReadOnlyList<string> lines, IReadOnlyList<string> fromCustomer, IReadOnlyList<string> fromAgent, string who)
    {
        var messages = Messages(lines);
        Assert.Equal(Enumerable.Range(1, messages.Count).Select(i => (long)i), messages.Select(m => (long)m["seq"]!));
        var notices = messages.Where(m => (string?)m["from"] == "system").Select(m => (string)m["text"]!).ToList();
        Assert.True(notices.Count == 0, $"{who} was told: {string.Join(" / ", notices)}");
        var seen = messages.Select(m => (Seq: (long)m["seq"]!, Text: (string)m["text"]!)).ToList();
        var texts = seen.ConvertAll(m => m.Text);
        var twice = texts.GroupBy(t => t, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(twice.Count == 0, $"{who} saw more than once: {string.Join(' ', twice)}");
        Assert.Equal(fromCustomer.Concat(fromAgent).Order(StringComparer.Ordinal), texts.Order(StringComparer.Ordinal));
        var customerSet = fromCustomer.ToHashSet(StringComparer.Ordinal);
        Assert.All(messages, m => Assert.Equal(customerSet.Contains((string)m["text"]!) ? "customer" : "agent", (string?)m["from"]));
        AssertInSendersOrder(texts, fromCustomer, "the customer", $"at {who}");
        AssertInSendersOrder(texts, fromAgent, "the agent", $"at {who}");
        return seen;
    }

    /// <summary>The sender's messages, picked out of everything seen, come in the order it sent them.</summary>
    private static void AssertInSendersOrder(IReadOnlyList<string> seen, IReadOnlyList<string> sent, string sender, string where)
    {
        var sentSet = sent.ToHashSet(StringComparer.Ordinal);
        var fromSender = seen.Where(sentSet.Contains).ToList();
        Assert.True(sent.SequenceEqual(fromSender),
            $"{sender}'s messages are not in the order sent {where}:\n{string.Join(' ', fromSender)}");
    }

    /// <summary>Turn by turn, each message seen by both sides before the next is sent, so the order is known.</summary>
    private static async Task ChatAsync(CliProcess agent, CliProcess customer, List<string> texts, string phase, int rounds)
    {
        for (var i = 1; i <= rounds; i++)
        {
            foreach (var (from, name) in new[] { (customer, "customer"), (agent, "agent") })
            {
                var text = $"{phase} {name} {i}";
                await from.SendAsync(Send(text));
                await agent.WaitForJsonAsync(o => IsMessage(o, text), $"'{text}' at the agent");
                await customer.WaitForJsonAsync(o => IsMessage(o, text), $"'{text}' at the customer");
                texts.Add(text);
            }
        }
    }

    /// <summary>Three nodes in a schema of their own, Ada signed in on the first node of her list (node 1) and Bob on
    /// his (node 2), in one conversation. Disposed as the tests' own declarations were: clients, then nodes, then schema.</summary>
    private sealed class ClusterChat : IAsyncDisposable
    {
        private readonly TempSchema _schema;
        private readonly List<ServerProcess> _nodes = [];
        private CliProcess? _agent;
        private CliProcess? _customer;
        private string _conversation = string.Empty;

        private ClusterChat(TempSchema schema) => _schema = schema;

        public static async Task<ClusterChat> StartAsync(PostgresDatabase database)
        {
            var cluster = new ClusterChat(await database.CreateSchemaAsync());
            try
            {
                for (var i = 0; i < 3; i++)
                {
                    cluster._nodes.Add(await ServerProcess.StartNodeAsync(cluster._schema.ConnectionString, "--agent-grace", "30"));
                }

                var (first, second, third) = (cluster._nodes[0], cluster._nodes[1], cluster._nodes[2]);
                cluster._agent = CliProcess.Start("agent", "--name", "Ada", "--json", "--server", $"{first.Url},{second.Url},{third.Url}");
                await cluster._agent.WaitForTypeAsync("ready");
                cluster._customer = CliProcess.Start("customer", "--name", "Bob", "--json", "--session", NewSessionFile(),
                    "--server", $"{second.Url},{third.Url},{first.Url}");
                cluster._conversation = (string)(await cluster._customer.WaitForTypeAsync("assigned")).Json["conversation"]!;
                await cluster._agent.WaitForTypeAsync("assigned");
                return cluster;
            }
            catch
            {
                await cluster.DisposeAsync();
                throw;
            }
        }

        public void Deconstruct(out ServerProcess first, out ServerProcess second, out ServerProcess third, out CliProcess agent,
            out CliProcess customer, out string conversation) =>
            (first, second, third, agent, customer, conversation) = (_nodes[0], _nodes[1], _nodes[2], _agent!, _customer!, _conversation);

        public async ValueTask DisposeAsync()
        {
            if (_customer is not null)
            {
                await _customer.DisposeAsync();
            }

            if (_agent is not null)
            {
                await _agent.DisposeAsync();
            }

            for (var i = _nodes.Count - 1; i >= 0; i--)
            {
                await _nodes[i].DisposeAsync();
            }

            await _schema.DisposeAsync();
        }
    }
}
