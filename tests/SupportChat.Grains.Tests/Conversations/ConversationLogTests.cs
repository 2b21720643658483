using Microsoft.Extensions.Logging.Abstractions;
using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Conversations;
using ErrorCode = SupportChat.Domain.ErrorCode;
using Fault = SupportChat.Grains.Tests.Conversations.FlakyChatStore.AppendFault;

namespace SupportChat.Grains.Tests.Conversations;

/// <summary>The conversation log on the in-memory store, with the participants' streams as fakes called directly.</summary>
public sealed class ConversationLogTests
{
    private const string CustomerId = "u-bob";
    private const string AgentId = "ada";

    private readonly InMemoryChatStore _memory = new();
    private readonly FlakyChatStore _store;
    private readonly FakeObserver _customer = new("customer");
    private readonly FakeObserver _agent = new("agent");
    private readonly Conversation _conversation = Conversation.Open("c-log", CustomerId, "Bob", "sales", DateTimeOffset.UnixEpoch);
    private readonly ConversationLog _log;

    public ConversationLogTests()
    {
        _store = new FlakyChatStore(_memory);
        var observers = new ConversationObservers();
        observers.Register(CustomerId, _customer);
        observers.Register(AgentId, _agent);
        _conversation.Assign(AgentId, "Ada");
        _log = new ConversationLog(_store, TimeProvider.System, observers, NullLogger.Instance);
    }

    private static MessageAuthor Customer => new(SenderRole.Customer, CustomerId, "Bob");

    [Fact]
    public async Task AppendAsync_NewBatch_StoresItAndTellsTheOthersOnceInOrder()
    {
        var outcomes = await Append(Customer, ("m1", "one"), ("m2", "two"), ("m3", "three"));

        Assert.Equal([1L, 2L, 3L], outcomes.Select(o => o.Receipt!.Seq));
        Assert.Equal(["one", "two", "three"], (await StoredAsync()).Select(m => m.Text));
        var told = Assert.Single(_agent.MessageNotifications);
        Assert.Equal([(1L, "one"), (2L, "two"), (3L, "three")], told.Select(m => (m.Seq, m.Text)));
        Assert.Empty(_customer.Calls);
        Assert.Equal(3, _conversation.LastSeq);
    }

    [Fact]
    public async Task AppendAsync_RepeatedIdInOneBatch_GetsOneSeq()
    {
        var outcomes = await Append(Customer, ("m1", "one"), ("m2", "two"), ("m1", "one"));

        Assert.Equal([1L, 2L, 1L], outcomes.Select(o => o.Receipt!.Seq));
        Assert.Equal(2, _memory.MessageRows(_conversation.Id));
        Assert.Equal(2, Assert.Single(_agent.MessageNotifications).Count);
    }

    [Fact]
    public async Task AppendAsync_RetriedBatch_ReturnsTheOriginalsAndStoresNothingNew()
    {
        var first = await Append(Customer, ("m1", "one"), ("m2", "two"));

        var retry = await Append(Customer, ("m1", "one"), ("m2", "two"));

        Assert.Equal(first.Select(o => o.Receipt), retry.Select(o => o.Receipt));
        Assert.Equal(1, _store.Appends);
        Assert.Equal(2, _memory.MessageRows(_conversation.Id));
        Assert.Single(_agent.MessageNotifications);
    }

    [Fact]
    public async Task AppendAsync_AfterACommitWhoseAnswerWasLost_CatchesUpAndRetriesOnce()
    {
        _store.FailNextAppend(Fault.AfterWriting);
        var lost = await Append(Customer, ("m1", "one"));
        Assert.Equal(ErrorCode.Unavailable, lost[0].Error);
        Assert.Empty(_agent.Calls);

        // The client resends m1 with the next one; seq 1 is taken in the store, though this log has not heard of it.
        var outcomes = await Append(Customer, ("m1", "one"), ("m2", "two"));

        var stored = await StoredAsync();
        Assert.Equal([1L, 2L], outcomes.Select(o => o.Receipt!.Seq));
        Assert.Equal(stored[0].MessageId, outcomes[0].Receipt!.MessageId);
        Assert.Equal(["one", "two"], stored.Select(m => m.Text));
        Assert.Equal(3, _store.Appends); // the lost commit, the conflict, the retry
        Assert.Equal(["1", "2"], _agent.MessageNotifications.Select(told => string.Join(",", told.Select(m => m.Seq))));
    }

    [Fact]
    public async Task AppendAsync_SeqTakenInTheMiddleOfARun_StoresTheSendersMessagesInItsOrder()
    {
        await Append(Customer, ("m1", "one"));
        _store.FailNextAppend(Fault.AfterWriting);
        Assert.Equal(ErrorCode.Unavailable, (await Append(Customer, ("m2", "two")))[0].Error);

        // Seq 2 holds m2 (its commit's answer was lost), seq 3 a message this log has not heard of (another activation
        // of the conversation, on a node that was thought dead), seq 4 is free. The client resends m2 with the sends
        // after it as one run: the unit m2, m3, m4 at seqs 2, 3, 4 conflicts in its middle. Had m4 stayed written at 4,
        // catching up would take it in ahead of m3, retried after it.
        await _memory.AppendAsync([OtherWriters("theirs", seq: 3)], CancellationToken.None);
        var outcomes = await Append(Customer, ("m2", "two"), ("m3", "three"), ("m4", "four"));

        var stored = await StoredAsync();
        Assert.Equal([2L, 4L, 5L], outcomes.Select(o => o.Receipt!.Seq));
        Assert.Equal(["one", "two", "theirs", "three", "four"], stored.Select(m => m.Text));
        Assert.Equal(["one", "two", "three", "four"], stored.Where(m => m.SenderId == CustomerId).Select(m => m.Text));
        Assert.Equal(stored[1].MessageId, outcomes[0].Receipt!.MessageId);
        Assert.Equal(["1", "2", "4,5"], _agent.MessageNotifications.Select(told => string.Join(",", told.Select(m => m.Seq))));
        Assert.Equal(3, Assert.Single(Assert.Single(_customer.MessageNotifications)).Seq);
        Assert.Equal(5, _conversation.LastSeq);
    }

    [Fact]
    public async Task AppendAsync_ConflictAgainAfterCatchingUp_RefusesTheFreshSendsWithoutAThirdTry()
    {
        _store.FailNextAppend(Fault.ConflictEveryTime);

        var outcomes = await Append(Customer, ("m1", "one"));

        Assert.Equal(ErrorCode.Unavailable, outcomes[0].Error);
        Assert.Equal(2, _store.Appends);
        Assert.Equal(0, _conversation.LastSeq);
    }

    [Fact]
    public async Task AppendAsync_StoreFails_RefusesOnlyTheFreshSendsWithUnavailable()
    {
        var first = await Append(Customer, ("m1", "one"));
        _store.FailNextAppend(Fault.BeforeWriting);

        var outcomes = await Append(Customer, ("m2", "two"), ("m1", "one"), ("m3", "three"));

        Assert.Equal(first[0].Receipt, outcomes[1].Receipt);
        Assert.All([outcomes[0], outcomes[2]], refused =>
        {
            Assert.Null(refused.Receipt);
            Assert.Equal(ErrorCode.Unavailable, refused.Error);
            Assert.Equal(ConversationLog.NotStoredMessage, refused.ErrorMessage);
        });
        Assert.Equal(["m2", "m1", "m3"], outcomes.Select(o => o.ClientMsgId));
        Assert.Equal(1, _memory.MessageRows(_conversation.Id));
        Assert.Single(_agent.MessageNotifications);
        Assert.Equal(1, _conversation.LastSeq);

        var retried = await Append(Customer, ("m2", "two"), ("m3", "three"));
        Assert.Equal([2L, 3L], retried.Select(o => o.Receipt!.Seq));
    }

    [Fact]
    public async Task AppendSystemAsync_TellsEveryParticipant()
    {
        await _log.AppendSystemAsync(_conversation, "Ada transferred this conversation to billing.").Within("the system notice");

        var stored = Assert.Single(await StoredAsync());
        Assert.Equal((SenderRole.System, "system", "SupportChat"), (stored.From, stored.SenderId, stored.SenderName));
        Assert.Equal(stored.MessageId, Assert.Single(Assert.Single(_customer.MessageNotifications)).MessageId);
        Assert.Equal(stored.MessageId, Assert.Single(Assert.Single(_agent.MessageNotifications)).MessageId);
    }

    [Fact]
    public async Task AppendSystemAsync_StoreFails_ThrowsUnavailable()
    {
        _store.FailNextAppend(Fault.BeforeWriting);

        var error = await Assert.ThrowsAsync<ChatException>(() => _log.AppendSystemAsync(_conversation, "Bob left.").Within("the refusal"));

        Assert.Equal((ErrorCode.Unavailable, ConversationLog.NotStoredMessage), (error.Code, error.Message));
        Assert.Empty(_agent.Calls);
    }

    [Fact]
    public async Task After_Cursor_ReturnsTheMessagesAfterIt()
    {
        await Append(Customer, ("m1", "one"), ("m2", "two"), ("m3", "three"));

        Assert.Equal([1L, 2L, 3L], _log.After(-1).Select(m => m.Seq));
        Assert.Equal([1L, 2L, 3L], _log.After(0).Select(m => m.Seq));
        Assert.Equal([3L], _log.After(2).Select(m => m.Seq));
        Assert.Empty(_log.After(3));
        Assert.Empty(_log.After(7));
    }

    [Fact]
    public async Task LoadAsync_StoredMessages_AreTheLogOfTheNextActivation()
    {
        await Append(Customer, ("m1", "one"), ("m2", "two"));
        var next = new ConversationLog(_store, TimeProvider.System, new ConversationObservers(), NullLogger.Instance);

        await next.LoadAsync(_conversation.Id, CancellationToken.None).Within("the log loaded");

        Assert.Equal(_log.Messages, next.Messages);
        Assert.Equal(_log.After(1), next.After(1));
    }

    private Task<IReadOnlyList<SendOutcome>> Append(MessageAuthor author, params (string ClientMsgId, string Text)[] sends) =>
        _log.AppendAsync(_conversation, author, sends.Select(s => new OutgoingText(s.ClientMsgId, s.Text)).ToList()).Within("the outcomes");

    /// <summary>A message of the agent's written straight to the store, as another activation of the conversation would.</summary>
    private StoredMessage OtherWriters(string text, long seq) =>
        new(_conversation.Id, seq, Ids.NewMessageId(), SenderRole.Agent, AgentId, "Ada", text, Ids.NewMessageId(), DateTimeOffset.UnixEpoch);

    private Task<IReadOnlyList<StoredMessage>> StoredAsync() =>
        _memory.GetMessagesAsync(_conversation.Id, 0, CancellationToken.None).Within("the stored messages");
}
