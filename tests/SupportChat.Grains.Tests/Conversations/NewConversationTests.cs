using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Conversations;

namespace SupportChat.Grains.Tests.Conversations;

/// <summary>A conversation being opened is activated without reading the store; any other activation reads it.</summary>
[Collection(ClusterCollection.Name)]
public sealed class NewConversationTests(ClusterFixture fixture)
{
    [Fact]
    public async Task The_call_that_opens_a_conversation_activates_it_without_a_store_read()
    {
        var id = Ids.NewConversationId();
        var grain = fixture.Client.GetGrain<IConversationGrain>(id);

        await NewConversation.OpenAsync(id, () => grain.Open(Ids.NewCustomerId(), "Bob", ClusterFixture.Unique("open"))).Within("the open");

        Assert.Equal(0, fixture.Store.ConversationReads(id));
        Assert.NotNull(await fixture.Store.GetConversationAsync(id, CancellationToken.None)); // stored all the same
    }

    [Fact]
    public async Task Without_the_mark_the_activation_reads_the_store_and_the_mark_leaves_with_the_call()
    {
        var id = Ids.NewConversationId();
        var grain = fixture.Client.GetGrain<IConversationGrain>(id);
        await NewConversation.OpenAsync(Ids.NewConversationId(), () => Task.CompletedTask); // another id's mark, removed after

        await grain.Open(Ids.NewCustomerId(), "Bob", ClusterFixture.Unique("open")).Within("the open");

        Assert.Equal(1, fixture.Store.ConversationReads(id));
        Assert.Equal(ConversationStatus.Queued, (await fixture.Store.GetConversationAsync(id, CancellationToken.None))!.Status);
    }
}
