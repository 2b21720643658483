using Grpc.Net.Client;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests;

/// <summary>A fresh agent (capacity 1, its own department-less name) chatting with a fresh customer.</summary>
internal sealed class ChatPair : IAsyncDisposable
{
    private readonly GrpcChannel _channel;

    private ChatPair(GrpcChannel channel, RawParticipant<AgentCommand> agent, RawParticipant<CustomerCommand> customer, string conversationId)
    {
        _channel = channel;
        Agent = agent;
        Customer = customer;
        ConversationId = conversationId;
    }

    public RawParticipant<AgentCommand> Agent { get; }

    public RawParticipant<CustomerCommand> Customer { get; }

    public string ConversationId { get; }

    public static async Task<ChatPair> StartAsync(TestServer server, string department = "billing")
    {
        var channel = Wire.Channel(server);
        var agent = RawParticipant<AgentCommand>.Agent(channel);
        await agent.SendAsync(Wire.AgentHello($"Agent {Guid.NewGuid():N}", 1, department));
        await agent.WaitForAsync(Kind.Ready, "ready");
        var customer = RawParticipant<CustomerCommand>.Customer(channel);
        await customer.SendAsync(Wire.CustomerHello("Customer", department));
        var assigned = await customer.WaitForAsync(Kind.Assigned, "assigned");
        await agent.WaitForAsync(Kind.Assigned, "agent's assigned");
        return new ChatPair(channel, agent, customer, assigned.Assigned.ConversationId);
    }

    public async ValueTask DisposeAsync()
    {
        await Customer.DisposeAsync();
        await Agent.DisposeAsync();
        _channel.Dispose();
    }
}
