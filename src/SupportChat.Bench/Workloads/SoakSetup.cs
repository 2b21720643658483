using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Targets;

namespace SupportChat.Bench.Workloads;

/// <summary>
/// Opens a soak's conversations: per pair an agent of capacity 1 signs in, then a customer joins, a bounded number of
/// pairs at a time (thousands of streams opened at once only queue up in the server and time out together). Agents
/// always outnumber the waiting customers, so every customer is assigned; which agent gets which customer does not matter.
/// </summary>
internal static class SoakSetup
{
    private const int PairsInFlight = 200;

    /// <summary>Returns every participant once all are assigned; each stream is added to <paramref name="opened"/> as it
    /// opens, so the caller disposes them even when setup fails.</summary>
    public static async Task<List<IRelayEndpoint>> OpenAsync(BenchChannels channels, int pairs, int maxMessages, string department,
        Latencies latencies, List<IRelayEndpoint> opened, CancellationToken token)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var progress = new BenchProgress("opening ");
        using var gate = new SemaphoreSlim(PairsInFlight);
        var done = 0;
        var pairsOpened = await Task.WhenAll(Enumerable.Range(1, pairs).Select(async i =>
        {
            await gate.WaitAsync(token);
            try
            {
                var agent = await ChatRelaySetup.AgentAsync(channels.Next(), $"Soak Agent {run}-{i}", 1, department,
                    new DeliveryCheck(maxMessages, latencies), token);
                Add(opened, agent);
                await ChatRelaySetup.WithinAsync(agent.Hello, $"soak agent {i} did not sign in", token);
                var customer = await ChatRelaySetup.CustomerAsync(channels.Next(), $"Soak Customer {run}-{i}", department,
                    new DeliveryCheck(maxMessages, latencies), token);
                Add(opened, customer);
                await ChatRelaySetup.WithinAsync(customer.Assigned,
                    $"soak customer {i} was not assigned (is '{department}' a department of the server, and are other agents taking its customers?)", token);
                progress.Report(Interlocked.Increment(ref done), pairs);
                return (Agent: agent, Customer: customer);
            }
            finally
            {
                gate.Release();
            }
        }));
        progress.Done();
        // An agent learns of its customer on its own stream, which may lag behind the customer's.
        await ChatRelaySetup.WithinAsync(Task.WhenAll(pairsOpened.Select(p => p.Agent.Assigned)), $"{pairs} soak agents were not all told of their customer", token);
        return [.. pairsOpened.Select(p => p.Agent), .. pairsOpened.Select(p => p.Customer)];
    }

    private static void Add(List<IRelayEndpoint> opened, IRelayEndpoint endpoint)
    {
        lock (opened)
        {
            opened.Add(endpoint);
        }
    }
}
