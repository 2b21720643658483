using Grpc.Core;
using SupportChat.Bench.Endpoints;
using SupportChat.Bench.Measures;
using SupportChat.Bench.Targets;
using SupportChat.Protocol.V1;

namespace SupportChat.Bench.Workloads;

/// <summary>Signs in one agent of capacity 1 per pair, then lets one customer per pair join, and waits until
/// every customer is assigned: each agent then holds exactly one conversation.</summary>
internal static class ChatRelaySetup
{
    public static readonly TimeSpan SetupTimeout = TimeSpan.FromSeconds(120);

    public static async Task<List<IRelayEndpoint>> OpenAsync(BenchChannels channels, int pairs, int messages, string department,
        Latencies latencies, CancellationToken token)
    {
        var run = Guid.NewGuid().ToString("N")[..6];
        var agents = await Task.WhenAll(Enumerable.Range(1, pairs)
            .Select(i => AgentAsync(channels.Next(), $"Bench Agent {run}-{i}", 1, department, new DeliveryCheck(messages, latencies), token)));
        await WithinAsync(Task.WhenAll(agents.Select(a => a.Hello)), $"{pairs} agents did not sign in", token);
        var customers = await Task.WhenAll(Enumerable.Range(1, pairs)
            .Select(i => CustomerAsync(channels.Next(), $"Bench Customer {run}-{i}", department, new DeliveryCheck(messages, latencies), token)));
        await WithinAsync(Task.WhenAll(customers.Select(c => c.Assigned).Concat(agents.Select(a => a.Assigned))),
            $"{pairs} customers were not all assigned to the bench's agents (is '{department}' a department of the server, and are other agents taking its customers?)",
            token);
        return [.. agents, .. customers];
    }

    /// <summary>Waits for a setup step; a step that does not finish in time says which, rather than "timed out".</summary>
    public static async Task WithinAsync(Task step, string failure, CancellationToken token)
    {
        try
        {
            await step.WaitAsync(SetupTimeout, token);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"{failure} within {SetupTimeout.TotalSeconds:0} s.");
        }
    }

    public static async Task<ChatEndpoint<AgentCommand>> AgentAsync(CallInvoker invoker, string name, int capacity, string department, DeliveryCheck check,
        CancellationToken token)
    {
        var call = new Protocol.V1.SupportChat.SupportChatClient(invoker).Agent(cancellationToken: token);
        var endpoint = new ChatEndpoint<AgentCommand>(call, send => new AgentCommand { Send = send }, check, token);
        var hello = new AgentHello { Name = name, Capacity = capacity, BatchEvents = true };
        if (department.Length > 0)
        {
            hello.Departments.Add(department);
        }

        await endpoint.WriteAsync(new AgentCommand { Hello = hello });
        return endpoint;
    }

    public static async Task<ChatEndpoint<CustomerCommand>> CustomerAsync(CallInvoker invoker, string name, string department, DeliveryCheck check,
        CancellationToken token)
    {
        var call = new Protocol.V1.SupportChat.SupportChatClient(invoker).Customer(cancellationToken: token);
        var endpoint = new ChatEndpoint<CustomerCommand>(call, send => new CustomerCommand { Send = send }, check, token);
        await endpoint.WriteAsync(new CustomerCommand { Hello = new CustomerHello { Name = name, Department = department, BatchEvents = true } });
        return endpoint;
    }
}
