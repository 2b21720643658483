using SupportChat.Domain.Messages;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Conversations;

namespace SupportChat.Grains.Tests.Conversations;

/// <summary>The registry of a conversation's streams and what it tells them, with fake streams called directly.</summary>
public sealed class ConversationObserversTests
{
    private readonly List<string> _journal = [];
    private readonly ConversationObservers _observers = new();
    private readonly FakeObserver _customer;
    private readonly FakeObserver _agent;

    public ConversationObserversTests()
    {
        _customer = new FakeObserver("customer", _journal);
        _agent = new FakeObserver("agent", _journal);
        _observers.Register("u-bob", _customer);
        _observers.Register("ada", _agent);
    }

    [Fact]
    public async Task TellMessagesAsync_OneSender_TellsEveryoneElseOnceAndSkipsTheSender()
    {
        var supervisor = new FakeObserver("supervisor", _journal);
        _observers.Register("grace", supervisor);

        await _observers.TellMessagesAsync([Message(1, "u-bob"), Message(2, "u-bob")]).Within("the fan-out");

        Assert.Empty(_customer.Calls);
        Assert.Equal([1L, 2L], Assert.Single(_agent.MessageNotifications).Select(m => m.Seq));
        Assert.Equal([1L, 2L], Assert.Single(supervisor.MessageNotifications).Select(m => m.Seq));
        Assert.Equal(["agent", "supervisor"], _journal);
    }

    [Fact]
    public async Task TellMessagesAsync_SeveralSenders_TellsEachOnlyWhatOthersSent()
    {
        await _observers.TellMessagesAsync([Message(1, "system"), Message(2, "u-bob"), Message(3, "ada")]).Within("the fan-out");

        Assert.Equal([1L, 3L], Assert.Single(_customer.MessageNotifications).Select(m => m.Seq));
        Assert.Equal([1L, 2L], Assert.Single(_agent.MessageNotifications).Select(m => m.Seq));
    }

    [Fact]
    public async Task TellSignalAsync_FromOneParticipant_SkipsIt()
    {
        var signal = new SignalView("c-1", SignalKind.Typing, SenderRole.Agent, "Ada", 0);

        await _observers.TellSignalAsync("ada", signal).Within("the signal");

        Assert.Equal([signal], _customer.Calls);
        Assert.Empty(_agent.Calls);
    }

    [Fact]
    public async Task ForEachLostAsync_DeadObserver_IsFoundByLiveness()
    {
        _agent.Dead = true;
        var lost = new List<(string, IChatObserver)>();

        await _observers.ForEachLostAsync((participantId, observer) =>
        {
            lost.Add((participantId, observer));
            return Task.CompletedTask;
        }).Within("the liveness check");

        Assert.Equal([("ada", (IChatObserver)_agent)], lost);
    }

    [Fact]
    public async Task Unregister_AnOlderStream_KeepsTheNewerOne()
    {
        var newer = new FakeObserver("customer again");
        _observers.Register("u-bob", newer);

        Assert.False(_observers.Unregister("u-bob", _customer));
        await _observers.TellMessagesAsync([Message(1, "ada")]).Within("the fan-out");
        Assert.Single(newer.MessageNotifications);
        Assert.Empty(_customer.Calls);
        Assert.True(_observers.Unregister("u-bob", newer));
        Assert.False(_observers.IsConnected("u-bob"));
    }

    [Fact]
    public async Task EndAllAsync_TellsEveryoneAndForgetsThem()
    {
        var ended = new EndedView("c-1", Domain.Conversations.EndedBy.Customer, "bye", 4);

        await _observers.EndAllAsync(ended).Within("the end");

        Assert.Equal([ended], _customer.Calls);
        Assert.Equal([ended], _agent.Calls);
        Assert.False(_observers.IsConnected("u-bob") || _observers.IsConnected("ada"));
    }

    [Fact]
    public async Task DetachAsync_OneParticipant_TellsAndForgetsOnlyIt()
    {
        var notice = new EndedView("c-1", Domain.Conversations.EndedBy.Agent, "transferred to billing", 4);

        await _observers.DetachAsync("ada", notice).Within("the detach");
        await _observers.DetachAsync("ada", notice).Within("the second detach");

        Assert.Equal([notice], _agent.Calls);
        Assert.Empty(_customer.Calls);
        Assert.True(_observers.IsConnected("u-bob"));
    }

    [Fact]
    public async Task TellQueuedAsync_ToAbsentParticipant_IsDropped()
    {
        var position = new QueuePositionView("c-1", "sales", 2, null);
        _observers.Forget("u-bob");

        await _observers.TellQueuedAsync("u-bob", position).Within("the queue position");

        Assert.Empty(_customer.Calls);
        _observers.Register("u-bob", _customer);
        await _observers.TellQueuedAsync("u-bob", position).Within("the queue position");
        Assert.Equal([position], _customer.Calls);
    }

    private static MessageView Message(long seq, string senderId) =>
        new("c-1", seq, $"id-{seq}", SenderRole.Customer, senderId, senderId, $"text {seq}", $"m{seq}", DateTimeOffset.UnixEpoch);
}
