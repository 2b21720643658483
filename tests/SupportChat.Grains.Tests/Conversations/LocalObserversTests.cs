using SupportChat.Domain.Messages;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Conversations;
using SupportChat.Grains.Observers;

namespace SupportChat.Grains.Tests.Conversations;

/// <summary>
/// Streams of the grain's own node are called directly (<see cref="LocalObservers"/>), others through their Orleans
/// references. The references here are real ones, made by the test cluster's client; a call through Orleans arrives
/// later on another thread, so a notification that is there as soon as the fan-out returns was made directly.
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class LocalObserversTests(ClusterFixture fixture)
{
    private readonly LocalObservers _local = new();

    [Fact]
    public async Task A_stream_of_this_node_is_told_directly_and_one_elsewhere_through_its_reference()
    {
        var (near, far, observers) = NearAndFar();

        await observers.TellMessagesAsync([Message(1, "u-bob")]).Within("the fan-out");

        Assert.Single(near.MessageNotifications); // already there: Orleans never delivers a call inline
        Assert.Equal(1L, (await far.WaitForAsync<MessageView>(what: "the far stream's message through Orleans")).Seq);
    }

    [Fact]
    public async Task The_stores_early_tell_reaches_only_this_nodes_streams_and_the_grains_tell_only_the_others()
    {
        var (near, far, observers) = NearAndFar();
        List<MessageView> messages = [Message(1, "u-bob")];

        observers.TellLocalMessages(messages);
        Assert.Equal(1L, Assert.Single(Assert.Single(near.MessageNotifications)).Seq);
        Assert.Empty(far.Drain()); // the early tell is for this node's streams only
        await observers.TellMessagesAsync(messages, remoteOnly: true).Within("the fan-out to other nodes");

        Assert.Equal(1L, (await far.WaitForAsync<MessageView>(what: "the far stream's message through Orleans")).Seq);
        Assert.Single(near.MessageNotifications); // told once, not again by the grain
    }

    [Fact]
    public async Task Once_its_reference_is_deleted_calls_vanish_and_a_ping_finds_the_stream_lost()
    {
        var (near, nearReference) = Stream("near", register: true);
        var observers = new ConversationObservers(_local);
        observers.Register("ada", nearReference);
        _local.Remove(nearReference);

        await observers.TellMessagesAsync([Message(1, "u-bob")]).Within("the fan-out");
        var lost = new List<string>();
        await observers.ForEachLostAsync((participantId, _) =>
        {
            lost.Add(participantId);
            return Task.CompletedTask;
        }).Within("the liveness check");

        Assert.Empty(near.Calls);
        Assert.Equal(["ada"], lost);
    }

    [Fact]
    public void The_same_stream_registering_again_is_the_same_stream_and_a_newer_one_replaces_it()
    {
        var (_, first) = Stream("first", register: true);
        var (_, second) = Stream("second", register: true);
        var observers = new ConversationObservers(_local);

        Assert.Null(observers.Register("u-bob", first));
        Assert.Null(observers.Register("u-bob", first));
        Assert.NotNull(observers.Register("u-bob", second)); // the older one is handed back, to be told it is replaced
        Assert.False(observers.Unregister("u-bob", first));
        Assert.True(observers.Unregister("u-bob", second));
    }

    /// <summary>A conversation's streams: Ada's on this node, Grace's elsewhere (reached only through Orleans).</summary>
    private (FakeObserver Near, RecordingObserver Far, ConversationObservers Observers) NearAndFar()
    {
        var (near, nearReference) = Stream("near", register: true);
        var (far, farReference) = FarStream();
        var observers = new ConversationObservers(_local);
        observers.Register("ada", nearReference);
        observers.Register("grace", farReference);
        return (near, far, observers);
    }

    private (FakeObserver Target, IChatObserver Reference) Stream(string name, bool register)
    {
        var target = new FakeObserver(name);
        var reference = fixture.Client.CreateObjectReference<IChatObserver>(target);
        if (register)
        {
            _local.Add(reference, target);
        }

        return (target, reference);
    }

    private (RecordingObserver Target, IChatObserver Reference) FarStream()
    {
        var target = new RecordingObserver();
        return (target, fixture.Client.CreateObjectReference<IChatObserver>(target));
    }

    private static MessageView Message(long seq, string senderId) =>
        new("c-local", seq, $"m{seq}", SenderRole.Customer, senderId, "Bob", $"text {seq}", $"k{seq}", DateTimeOffset.UnixEpoch);
}
