using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.Events;
using SupportChat.Client.Sessions;

namespace SupportChat.EndToEnd.Tests;

/// <summary>A customer rates its conversation after it ends; history shows the rating; nobody else can rate it.</summary>
public sealed class RatingTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(null, "general");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task The_customer_rates_its_ended_conversation_and_history_shows_it()
    {
        await using var connection = SupportChatConnection.Create(_server.Url);
        await using var agent = await connection.StartAgentAsync(new AgentSignIn("Ada", [], 2), None);
        await using var bob = await connection.StartCustomerAsync(new CustomerJoin("Bob"), None);
        var conversation = (await bob.SendAsync("my order is late", None)).ConversationId;
        await using var asBob = SupportChatConnection.Create(_server.Url, new ConnectionOptions(Token: bob.Resume!.HistoryToken));

        var tooEarly = await Assert.ThrowsAsync<ChatClientException>(() => asBob.RateConversationAsync(conversation, 5, null, None));
        await bob.EndAsync(None);
        await EndedAsync(bob);
        var zero = await Assert.ThrowsAsync<ChatClientException>(() => asBob.RateConversationAsync(conversation, 0, null, None));
        var six = await Assert.ThrowsAsync<ChatClientException>(() => asBob.RateConversationAsync(conversation, 6, null, None));
        var hostile = await Assert.ThrowsAsync<ChatClientException>(() => asBob.RateConversationAsync(conversation, 5, "ok\u001b[2J", None));
        var rated = await asBob.RateConversationAsync(conversation, 3, "slow", None);
        var again = await asBob.RateConversationAsync(conversation, 4, "  quick in the end  ", None);

        Assert.Equal(("FailedPrecondition", "InvalidArgument", "InvalidArgument", "InvalidArgument"), (tooEarly.Code, zero.Code, six.Code, hostile.Code));
        Assert.Equal((3, "slow"), (rated.Rating, rated.RatingComment));
        Assert.Equal((4, "quick in the end"), (again.Rating, again.RatingComment));
        var listed = (await connection.ListConversationsAsync(0, None)).Single(c => c.ConversationId == conversation);
        Assert.Equal((4, "quick in the end"), (listed.Rating, listed.RatingComment));
        Assert.Equal(4, (await connection.GetTranscriptAsync(conversation, None)).Conversation.Rating);
    }

    [Fact]
    public async Task Only_the_customer_of_a_conversation_can_rate_it()
    {
        await using var connection = SupportChatConnection.Create(_server.Url);
        await using var agent = await connection.StartAgentAsync(new AgentSignIn("Bill", [], 2), None);
        await using var carol = await connection.StartCustomerAsync(new CustomerJoin("Carol"), None);
        await using var dave = await connection.StartCustomerAsync(new CustomerJoin("Dave"), None);
        var carols = (await carol.SendAsync("hello", None)).ConversationId;
        await dave.SendAsync("hi", None);
        await carol.EndAsync(None);
        await EndedAsync(carol);
        await using var asDave = SupportChatConnection.Create(_server.Url, new ConnectionOptions(Token: dave.Resume!.HistoryToken));

        var byDave = await Assert.ThrowsAsync<ChatClientException>(() => asDave.RateConversationAsync(carols, 1, null, None));
        var missing = await Assert.ThrowsAsync<ChatClientException>(() => asDave.RateConversationAsync("cnosuchthing", 1, null, None));
        var byAgent = await Assert.ThrowsAsync<ChatClientException>(() => connection.RateConversationAsync(carols, 1, null, None));

        Assert.Equal(("PermissionDenied", "PermissionDenied", "PermissionDenied"), (byDave.Code, missing.Code, byAgent.Code));
        Assert.Equal(byDave.Message.Replace(carols, "ID"), missing.Message.Replace("cnosuchthing", "ID"));
        Assert.Null((await connection.ListConversationsAsync(0, None)).Single(c => c.ConversationId == carols).Rating);
    }

    private static async Task EndedAsync(CustomerSession session)
    {
        using var timeout = new CancellationTokenSource(RawParticipant<Protocol.V1.CustomerCommand>.Timeout);
        await foreach (var e in session.Events.ReadAllAsync(timeout.Token))
        {
            if (e is ConversationEnded)
            {
                return;
            }
        }
    }
}
