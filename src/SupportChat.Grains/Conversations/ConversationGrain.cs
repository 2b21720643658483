using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportChat.Domain;
using ErrorCode = SupportChat.Domain.ErrorCode;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Observers;
using SupportChat.Grains.Presence;
using SupportChat.Grains.Timers;

namespace SupportChat.Grains.Conversations;

public sealed class ConversationGrain(IChatStore store, TimeProvider time, IOptions<PresenceOptions> presence, ILogger<ConversationGrain> logger)
    : Grain, IConversationGrain
{
    private const string SystemId = "system";
    private const string SystemName = "SupportChat";

    private readonly Dictionary<string, IChatObserver> _observers = new(StringComparer.Ordinal);
    private readonly List<StoredMessage> _log = [];
    private Conversation? _conversation;
    private string _agentTitle = string.Empty;
    private OneShotTimer? _customerGrace;

    private OneShotTimer CustomerGrace => _customerGrace ??= new OneShotTimer(this, AbandonAsync);

    /// <summary>
    /// Loads the conversation from the store. An open one found there outlived its streams (the server
    /// restarted, or the grain moved): it is put back in its queue or reported to its agent, and its customer
    /// gets the grace period to come back.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        var record = await store.GetConversationAsync(id, cancellationToken);
        if (record is null)
        {
            return;
        }

        _log.AddRange(await store.GetMessagesAsync(id, 0, cancellationToken));
        _conversation = Conversation.Restore(record, _log);
        if (_conversation.Status != ConversationStatus.Ended)
        {
            CustomerGrace.Start(presence.Value.CustomerGrace);
            await ReassertAsync(_conversation);
        }
    }

    /// <summary>
    /// Says again where an open conversation belongs. A fresh activation does it on its own; a live one is asked
    /// after another node died, because the queue or agent grain that knew of it may have died with that node
    /// (both take the repeat as a no-op when they still know).
    /// </summary>
    public async Task Recover()
    {
        if (_conversation is not { Status: not ConversationStatus.Ended } conversation)
        {
            return;
        }

        await ForgetLostStreamsAsync(conversation);
        await ReassertAsync(conversation);
    }

    /// <summary>Drops the streams that died with a node: a customer lost that way gets the grace period to come back
    /// like any other disconnected customer (an agent has its own, kept by its grain).</summary>
    private async Task ForgetLostStreamsAsync(Conversation conversation)
    {
        foreach (var (participantId, observer) in _observers.ToList())
        {
            // Both calls drop the observer only if it is still the one registered (a new stream may have come meanwhile).
            if (!await ObserverLiveness.IsAliveAsync(observer))
            {
                await (participantId == conversation.CustomerId
                    ? CustomerDisconnected(observer)
                    : Unsubscribe(participantId, observer));
            }
        }
    }

    private Task ReassertAsync(Conversation conversation) => conversation.Status switch
    {
        ConversationStatus.Queued => GrainFactory.GetGrain<IDepartmentQueueGrain>(conversation.Department)
            .Enqueue(new QueueEntry(conversation.Id, conversation.CustomerName, conversation.QueuedAt, Front: false)),
        ConversationStatus.Active => GrainFactory.GetGrain<IAgentGrain>(conversation.AgentId!).Restore(conversation.Id),
        _ => Task.CompletedTask,
    };

    public Task<bool> IsAssignedTo(string agentId) =>
        Task.FromResult(_conversation is { Status: ConversationStatus.Active } c && c.AgentId == agentId);

    public Task CustomerDisconnected(IChatObserver observer)
    {
        if (_conversation is { Status: not ConversationStatus.Ended } conversation
            && _observers.TryGetValue(conversation.CustomerId, out var current) && current.Equals(observer))
        {
            _observers.Remove(conversation.CustomerId);
            GrainLog.CustomerAway(logger, conversation.Id, presence.Value.CustomerGrace);
            CustomerGrace.Start(presence.Value.CustomerGrace);
        }

        return Task.CompletedTask;
    }

    private async Task AbandonAsync()
    {
        if (_conversation is { Status: not ConversationStatus.Ended } conversation && !_observers.ContainsKey(conversation.CustomerId))
        {
            var seconds = (int)presence.Value.CustomerGrace.TotalSeconds;
            await AppendSystemAsync($"{conversation.CustomerName} left: no connection for {seconds} s.");
            await EndAsync(conversation, EndedBy.System, $"abandoned: the customer did not come back within {seconds} s");
        }
    }

    public async Task<ConversationSnapshot> Open(string customerId, string customerName, string department)
    {
        if (_conversation is not null)
        {
            throw ChatException.FailedPrecondition($"conversation {_conversation.Id} already exists.");
        }

        var conversation = Conversation.Open(this.GetPrimaryKeyString(), customerId, customerName, department, time.UtcNowMs());
        await store.SaveConversationAsync(conversation.ToRecord(), CancellationToken.None);
        _conversation = conversation;
        return Snapshot();
    }

    public Task<SubscribeResult> Subscribe(string participantId, IChatObserver observer, long afterSeq)
    {
        var conversation = RequireFor(participantId);
        if (!conversation.IsParticipant(participantId))
        {
            throw ChatException.NotAParticipant(conversation.Id);
        }

        _observers[participantId] = observer;
        if (participantId == conversation.CustomerId)
        {
            CustomerGrace.Stop();
        }

        return Task.FromResult(new SubscribeResult(Snapshot(), Backlog(afterSeq)));
    }

    public Task Unsubscribe(string participantId, IChatObserver observer)
    {
        if (_observers.TryGetValue(participantId, out var current) && current.Equals(observer))
        {
            _observers.Remove(participantId);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MessageView>> GetMessagesAfter(string participantId, long afterSeq)
    {
        var conversation = RequireFor(participantId);
        if (!conversation.IsParticipant(participantId) && !conversation.Agents.Contains(participantId))
        {
            throw ChatException.NotAParticipant(conversation.Id);
        }

        return Task.FromResult(Backlog(afterSeq));
    }

    public async Task<SendReceipt> Send(string senderId, string clientMsgId, string text)
    {
        var outcome = (await SendBatch(senderId, [new OutgoingText(clientMsgId, text)]))[0];
        return outcome.Receipt ?? throw new ChatException(outcome.Error!.Value, outcome.ErrorMessage!);
    }

    public Task<IReadOnlyList<SendOutcome>> SendBatch(string senderId, IReadOnlyList<OutgoingText> sends) =>
        SendBatchAsync(senderId, sends, caughtUp: false);

    /// <summary>Validates each send, stores the new ones as one unit, and only then tells the other participants,
    /// all in one notification; a retried send gets its stored original.</summary>
    private async Task<IReadOnlyList<SendOutcome>> SendBatchAsync(string senderId, IReadOnlyList<OutgoingText> sends, bool caughtUp)
    {
        var conversation = RequireFor(senderId);
        var role = conversation.AuthorizeSend(senderId);
        var name = role == SenderRole.Customer ? conversation.CustomerName : conversation.AgentName ?? string.Empty;
        var outcomes = new SendOutcome?[sends.Count];
        var fresh = new List<StoredMessage>();
        var inBatch = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < sends.Count; i++)
        {
            var (clientMsgId, text) = (sends[i].ClientMsgId, sends[i].Text);
            if (conversation.FindSent(senderId, clientMsgId) is null && inBatch.Add(clientMsgId))
            {
                fresh.Add(new StoredMessage(conversation.Id, conversation.PeekNextSeq() + fresh.Count, Ids.NewMessageId(), role, senderId, name,
                    text, clientMsgId, time.UtcNowMs()));
            }
        }

        if (fresh.Count > 0)
        {
            try
            {
                await store.AppendAsync(fresh, CancellationToken.None);
                await AcceptAsync(conversation, fresh);
            }
            catch (StoreConflictException) when (!caughtUp)
            {
                // An earlier append was committed although its caller heard of a failure: take it in, then retry once.
                await CatchUpAsync(conversation);
                return await SendBatchAsync(senderId, sends, caughtUp: true);
            }
            catch (Exception ex) when (ex is not ChatException)
            {
                GrainLog.AppendFailed(logger, ex, conversation.Id);
                foreach (var message in fresh)
                {
                    var i = IndexOf(sends, message.ClientMsgId);
                    outcomes[i] = SendOutcome.Refused(message.ClientMsgId, ErrorCode.Unavailable,
                        "the message could not be stored; it was not sent. Retry with the same client_msg_id.");
                }
            }
        }

        for (var i = 0; i < sends.Count; i++)
        {
            if (outcomes[i] is null)
            {
                var seq = conversation.FindSent(senderId, sends[i].ClientMsgId)
                    ?? throw new InvalidOperationException($"send {sends[i].ClientMsgId} was neither stored nor refused.");
                var m = _log[(int)seq - 1];
                outcomes[i] = SendOutcome.Sent(new SendReceipt(m.ConversationId, m.ClientMsgId, m.Seq, m.MessageId, m.SentAt));
            }
        }

        return outcomes!;
    }

    private static int IndexOf(IReadOnlyList<OutgoingText> sends, string clientMsgId)
    {
        for (var i = 0; i < sends.Count; i++)
        {
            if (sends[i].ClientMsgId == clientMsgId)
            {
                return i;
            }
        }

        return -1;
    }

    public async Task Signal(string participantId, SignalKind kind, long seq)
    {
        var conversation = RequireFor(participantId);
        var role = conversation.AuthorizeSend(participantId);
        var name = role == SenderRole.Customer ? conversation.CustomerName : conversation.AgentName ?? string.Empty;
        var signal = new SignalView(conversation.Id, kind, role, name, seq);
        foreach (var (id, observer) in _observers)
        {
            if (id != participantId)
            {
                await observer.OnSignal(signal);
            }
        }
    }

    public async Task<EndedView> End(string participantId, string reason)
    {
        var conversation = RequireFor(participantId);
        if (!conversation.IsParticipant(participantId))
        {
            throw ChatException.NotAParticipant(conversation.Id);
        }

        conversation.EnsureOpen();
        var by = participantId == conversation.CustomerId ? EndedBy.Customer : EndedBy.Agent;
        return await EndAsync(conversation, by, reason);
    }

    public async Task Transfer(string agentId, string department)
    {
        var conversation = RequireFor(agentId);
        if (conversation.AgentId != agentId)
        {
            throw ChatException.PermissionDenied($"conversation {conversation.Id} is not yours to transfer.");
        }

        if (department == conversation.Department)
        {
            throw ChatException.InvalidArgument($"conversation {conversation.Id} is already in {department}.");
        }

        var agentName = conversation.AgentName ?? agentId;
        conversation.Requeue(department);
        await store.SaveConversationAsync(conversation.ToRecord(), CancellationToken.None);
        await AppendSystemAsync($"{agentName} transferred this conversation to {department}.");
        await DetachAgentAsync(agentId, new EndedView(conversation.Id, EndedBy.Agent, $"transferred to {department}", conversation.LastSeq));
        GrainLog.Transferred(logger, conversation.Id, agentId, department);
        await GrainFactory.GetGrain<IDepartmentQueueGrain>(department)
            .Enqueue(new QueueEntry(conversation.Id, conversation.CustomerName, conversation.QueuedAt, Front: false));
    }

    public async Task<bool> Assign(string agentId, string agentName, string agentTitle)
    {
        var conversation = Require();
        if (conversation.Status != ConversationStatus.Queued)
        {
            return false;
        }

        conversation.Assign(agentId, agentName);
        _agentTitle = agentTitle;
        await store.SaveConversationAsync(conversation.ToRecord(), CancellationToken.None);
        var assignment = new AssignmentView(conversation.Id, conversation.Department, agentId, agentName, agentTitle,
            conversation.CustomerId, conversation.CustomerName, conversation.StartedAt);
        if (_observers.TryGetValue(conversation.CustomerId, out var customer))
        {
            await customer.OnAssigned(assignment);
        }

        await GrainFactory.GetGrain<IAgentGrain>(agentId).NotifyAssigned(assignment);
        return true;
    }

    public async Task AssignFromQueue(string agentId, string agentName, string agentTitle)
    {
        var id = this.GetPrimaryKeyString();
        try
        {
            if (await Assign(agentId, agentName, agentTitle))
            {
                GrainLog.Assigned(logger, id, agentId, _conversation!.Department);
                return;
            }
        }
        catch (Exception ex)
        {
            GrainLog.AssignFailed(logger, ex, id, agentId);
            if (_conversation is { Status: ConversationStatus.Active } unsaved && unsaved.AgentId == agentId)
            {
                unsaved.Requeue(unsaved.Department); // the assignment was not stored: undo it in memory too
            }

            if (_conversation is { Status: ConversationStatus.Queued } waiting)
            {
                await GrainFactory.GetGrain<IDepartmentQueueGrain>(waiting.Department)
                    .Enqueue(new QueueEntry(id, waiting.CustomerName, waiting.QueuedAt, Front: true));
            }
        }

        await GrainFactory.GetGrain<IAgentGrain>(agentId).Release(id);
    }

    public async Task ReturnToQueue(string agentId, string reason)
    {
        if (_conversation is not { Status: ConversationStatus.Active } conversation || conversation.AgentId != agentId)
        {
            return;
        }

        try
        {
            conversation.Requeue(conversation.Department);
            await store.SaveConversationAsync(conversation.ToRecord(), CancellationToken.None);
            await AppendSystemAsync($"{reason}; you will be connected to another agent.");
            _observers.Remove(agentId);
            await GrainFactory.GetGrain<IDepartmentQueueGrain>(conversation.Department)
                .Enqueue(new QueueEntry(conversation.Id, conversation.CustomerName, conversation.QueuedAt, Front: true));
        }
        catch (Exception ex)
        {
            GrainLog.ReturnToQueueFailed(logger, ex, conversation.Id);
            throw;
        }
    }

    public async Task NotifyQueued(int position, TimeSpan? estimatedWait)
    {
        if (_conversation is { Status: ConversationStatus.Queued } conversation
            && _observers.TryGetValue(conversation.CustomerId, out var customer))
        {
            await customer.OnQueued(new QueuePositionView(conversation.Id, conversation.Department, position, estimatedWait));
        }
    }

    private async Task<EndedView> EndAsync(Conversation conversation, EndedBy by, string reason)
    {
        var wasQueued = conversation.Status == ConversationStatus.Queued;
        var agentId = conversation.AgentId;
        conversation.End(by, time.UtcNowMs());
        await store.SaveConversationAsync(conversation.ToRecord(), CancellationToken.None);
        GrainLog.Ended(logger, conversation.Id, by.ToString(), reason);
        var ended = new EndedView(conversation.Id, by, reason, conversation.LastSeq);
        foreach (var observer in _observers.Values)
        {
            await observer.OnEnded(ended);
        }

        _observers.Clear();
        CustomerGrace.Stop();
        if (agentId is not null)
        {
            await GrainFactory.GetGrain<IAgentGrain>(agentId).Release(conversation.Id);
        }

        if (wasQueued)
        {
            await GrainFactory.GetGrain<IDepartmentQueueGrain>(conversation.Department).Cancel(conversation.Id);
        }

        return ended;
    }

    private async Task DetachAgentAsync(string agentId, EndedView notice)
    {
        if (_observers.Remove(agentId, out var observer))
        {
            await observer.OnEnded(notice);
        }

        await GrainFactory.GetGrain<IAgentGrain>(agentId).Release(notice.ConversationId);
    }

    private Task AppendSystemAsync(string text) =>
        AppendAsync(SenderRole.System, SystemId, SystemName, Ids.NewMessageId(), text);

    /// <summary>Stores the message, and only then tells the other participants; a retry gets the stored original.</summary>
    private async Task<StoredMessage> AppendAsync(SenderRole role, string senderId, string senderName, string clientMsgId, string text,
        bool caughtUp = false)
    {
        var conversation = Require();
        if (conversation.FindSent(senderId, clientMsgId) is { } seq)
        {
            return _log[(int)seq - 1];
        }

        var stored = NewMessage(conversation, role, senderId, senderName, clientMsgId, text);
        try
        {
            await store.AppendAsync([stored], CancellationToken.None);
        }
        catch (StoreConflictException) when (!caughtUp)
        {
            // An earlier append was committed although its caller heard of a failure: take it in, then retry once.
            await CatchUpAsync(conversation);
            return await AppendAsync(role, senderId, senderName, clientMsgId, text, caughtUp: true);
        }
        catch (Exception ex) when (ex is not ChatException)
        {
            GrainLog.AppendFailed(logger, ex, conversation.Id);
            throw ChatException.Unavailable("the message could not be stored; it was not sent. Retry with the same client_msg_id.");
        }

        await AcceptAsync(conversation, stored);
        return stored;
    }

    private StoredMessage NewMessage(Conversation conversation, SenderRole role, string senderId, string senderName, string clientMsgId, string text) =>
        new(conversation.Id, conversation.PeekNextSeq(), Ids.NewMessageId(), role, senderId, senderName, text, clientMsgId, time.UtcNowMs());

    /// <summary>Takes in what the store holds beyond what this grain knows, telling everyone, in order.</summary>
    private async Task CatchUpAsync(Conversation conversation)
    {
        foreach (var message in await store.GetMessagesAsync(conversation.Id, conversation.LastSeq, CancellationToken.None))
        {
            await AcceptAsync(conversation, message);
        }
    }

    private Task AcceptAsync(Conversation conversation, StoredMessage stored) => AcceptAsync(conversation, [stored]);

    /// <summary>Takes in consecutive stored messages and tells every other participant of them in one notification.</summary>
    private async Task AcceptAsync(Conversation conversation, IReadOnlyList<StoredMessage> stored)
    {
        var views = new List<MessageView>(stored.Count);
        foreach (var message in stored)
        {
            conversation.Appended(message);
            _log.Add(message);
            views.Add(MessageView.Of(message));
        }

        var senderId = stored[0].SenderId;
        var sameSender = stored.All(m => m.SenderId == senderId);
        foreach (var (id, observer) in _observers)
        {
            if (!sameSender)
            {
                if (views.Where(v => v.SenderId != id).ToList() is { Count: > 0 } theirs)
                {
                    await observer.OnMessages(theirs);
                }
            }
            else if (id != senderId)
            {
                await observer.OnMessages(views); // one-way: completes as soon as it is sent
            }
        }
    }

    // The log holds seq n at index n - 1.
    private IReadOnlyList<MessageView> Backlog(long afterSeq) =>
        afterSeq >= _log.Count ? [] : _log.GetRange((int)Math.Max(0, afterSeq), _log.Count - (int)Math.Max(0, afterSeq)).ConvertAll(MessageView.Of);

    private ConversationSnapshot Snapshot()
    {
        var c = Require();
        return new ConversationSnapshot(c.Id, c.CustomerId, c.CustomerName, c.Department, c.Status, c.AgentId, c.AgentName,
            c.LastSeq, c.StartedAt, _agentTitle, c.EndedBy);
    }

    /// <summary>The conversation, as a participant may see it: a missing one is refused exactly like someone
    /// else's, so ids cannot be probed for existence.</summary>
    private Conversation RequireFor(string participantId) =>
        _conversation ?? throw ChatException.NotAParticipant(this.GetPrimaryKeyString());

    private Conversation Require() =>
        _conversation ?? throw ChatException.NotFound($"conversation {this.GetPrimaryKeyString()} does not exist.");
}
