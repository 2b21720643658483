using Grpc.Net.Client;
using SupportChat.Protocol.V1;

namespace SupportChat.EndToEnd.Tests;

/// <summary>Small builders for wire-level commands.</summary>
internal static class Wire
{
    public static GrpcChannel Channel(TestServer server) => GrpcChannel.ForAddress(server.Url);

    public static CustomerCommand CustomerHello(string name, string department = "") =>
        new() { Hello = new CustomerHello { Name = name, Department = department } };

    public static AgentCommand AgentHello(string name, int capacity = 0, params string[] departments) =>
        new() { Hello = new AgentHello { Name = name, Capacity = capacity, Departments = { departments } } };

    public static SendMessage Send(string text, string conversationId = "", string? clientMsgId = null) =>
        new() { Text = text, ConversationId = conversationId, ClientMsgId = clientMsgId ?? Guid.NewGuid().ToString() };

    public static CustomerCommand CustomerSend(string text, string? clientMsgId = null) => new() { Send = Send(text, clientMsgId: clientMsgId) };

    public static AgentCommand AgentSend(string text, string conversationId = "", string? clientMsgId = null) =>
        new() { Send = Send(text, conversationId, clientMsgId) };

    public static CustomerCommand CustomerEnd() => new() { End = new EndConversation() };

    public static AgentCommand AgentEnd(string conversationId) => new() { End = new EndConversation { ConversationId = conversationId } };

    public static AgentCommand AgentSignOff() => new() { SignOff = new SignOff() };

    /// <summary>A customer coming back to the conversation it was welcomed to, having shown up to <paramref name="lastSeq"/>.</summary>
    public static CustomerCommand CustomerResume(Welcome welcome, long lastSeq) => new()
    {
        Hello = new CustomerHello
        {
            Name = "Bob",
            Resume = new ResumeSession
            {
                CustomerId = welcome.CustomerId, SessionToken = welcome.SessionToken, ConversationId = welcome.ConversationId, LastSeq = lastSeq,
            },
        },
    };

    /// <summary>An agent signing in again, having shown its conversations up to the given seqs.</summary>
    public static AgentCommand AgentHelloAgain(string name, int capacity, params (string ConversationId, long LastSeq)[] cursors)
    {
        var hello = AgentHello(name, capacity);
        foreach (var (conversationId, lastSeq) in cursors)
        {
            hello.Hello.Cursors[conversationId] = lastSeq;
        }

        return hello;
    }
}
