using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;
using SupportChat.Grains.Board;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Metrics;
using SupportChat.Grains.Observers;
using SupportChat.Grains.Presence;
using SupportChat.Grains.Timers;

namespace SupportChat.Grains.Conversations;

/// <summary>
/// One conversation's lifecycle: opened, queued, assigned, transferred, returned to its queue, ended, and put back
/// where it belongs after a restart or a lost node; and the customer's grace period. Its messages are kept by
/// <see cref="ConversationLog"/> and its participants' streams by <see cref="ConversationObservers"/>.
/// </summary>
public sealed partial class ConversationGrain : Grain, IConversationGrain
{
    private readonly IChatStore _store;
    private readonly TimeProvider _time;
    private readonly IOptions<PresenceOptions> _presence;
    private readonly ILogger<ConversationGrain> _logger;
    private readonly ConversationObservers _observers;
    private readonly ConversationLog _log;
    private readonly CustomerPresence _customerPresence;
    private readonly ConversationBoardLink _board;
    private readonly GrainMetrics _metrics;
    private readonly ConversationTimings _timings;
    private Conversation? _conversation;
    private string _agentTitle = string.Empty;
    private OneShotTimer? _customerGrace;
    private OneShotTimer? _retirement;

    public ConversationGrain(IChatStore store, TimeProvider time, IOptions<PresenceOptions> presence, ILogger<ConversationGrain> logger, GrainMetrics metrics,
        LocalObservers localObservers, BoardReports boardReports)
    {
        _observers = new ConversationObservers(localObservers);
        _store = store;
        _time = time;
        _presence = presence;
        _logger = logger;
        _log = new ConversationLog(store, time, _observers, logger);
        _notes = new ConversationNotes(store, time);
        _customerPresence = new CustomerPresence(time);
        _board = new ConversationBoardLink(time, boardReports);
        (_metrics, _timings) = (metrics, new ConversationTimings(metrics, time));
    }

    private OneShotTimer CustomerGrace => _customerGrace ??= new OneShotTimer(this, AbandonAsync);

    private OneShotTimer Retirement => _retirement ??= new OneShotTimer(this, RetireAsync);

    /// <summary>
    /// Loads the conversation from the store, unless it is being opened (<see cref="NewConversation"/>). An open one found there outlived its streams (the server
    /// restarted, or the grain moved): it is put back in its queue or reported to its agent, and its customer
    /// gets the grace period to come back.
    /// </summary>
    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var id = this.GetPrimaryKeyString();
        _metrics.TrackConversation(id, () => _conversation is { } c ? (c.Department, c.Status) : null);
        var record = NewConversation.IsOpening(id) ? null : await _store.GetConversationAsync(id, cancellationToken);
        if (record is null)
        {
            // Opened next, or asked by mistake (a probe, a late call for a conversation that never was).
            Retirement.Start(_presence.Value.EndedLinger);
            return;
        }

        await _log.LoadAsync(id, cancellationToken);
        await _notes.LoadAsync(id, cancellationToken);
        _conversation = Conversation.Restore(record, _log.Messages);
        if (_conversation.Status != ConversationStatus.Ended)
        {
            if (!HoldsLeftMessage(_conversation))
            {
                CustomerGrace.Start(_presence.Value.CustomerGrace);
            }

            await ReassertAsync(_conversation);
            await _board.ReportAsync(GrainFactory, _conversation, _log.Messages, again: true);
        }
        else
        {
            Retirement.Start(_presence.Value.EndedLinger);
        }
    }

    public override Task OnDeactivateAsync(DeactivationReason reason, CancellationToken cancellationToken) =>
        _metrics.UntrackConversation(this.GetPrimaryKeyString());

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

        // Streams that died with the node: a customer lost that way gets the grace period to come back like any other
        // disconnected customer (an agent has its own, kept by its grain). Both calls drop the stream only if it is
        // still the one registered (a new one may have come meanwhile).
        await _observers.ForEachLostAsync((participantId, observer) => participantId == conversation.CustomerId
            ? CustomerDisconnected(observer)
            : Unsubscribe(participantId, observer));
        await ReassertAsync(conversation);
        await _board.ReportAsync(GrainFactory, conversation, _log.Messages, again: true);
    }

    private Task ReassertAsync(Conversation conversation) => conversation.Status switch
    {
        ConversationStatus.Queued => EnqueueAsync(conversation, front: false),
        ConversationStatus.Active => GrainFactory.GetGrain<IAgentGrain>(conversation.AgentId!).Restore(conversation.Id, conversation.AgentName),
        _ => Task.CompletedTask,
    };

    public Task<bool> HasStored(string senderId, string clientMsgId) =>
        Task.FromResult(_conversation?.FindSent(senderId, clientMsgId) is not null);

    public Task<bool> IsAssignedTo(string agentId) =>
        Task.FromResult(_conversation is { Status: ConversationStatus.Active } c && c.AgentId == agentId);

    public Task CustomerDisconnected(IChatObserver observer)
    {
        if (_conversation is { Status: not ConversationStatus.Ended } conversation && _observers.Unregister(conversation.CustomerId, observer))
        {
            if (HoldsLeftMessage(conversation))
            {
                return Task.CompletedTask; // it waits for an answer, which the customer reads when it comes back
            }

            GrainLog.CustomerAway(_logger, conversation.Id, _presence.Value.CustomerGrace);
            CustomerGrace.Start(_presence.Value.CustomerGrace);
            if (conversation.Status == ConversationStatus.Queued)
            {
                return _customerPresence.AwayAsync(Queue(conversation), conversation.Id);
            }
        }

        return Task.CompletedTask;
    }

    private async Task AbandonAsync()
    {
        if (_conversation is { Status: not ConversationStatus.Ended } conversation && !_observers.IsConnected(conversation.CustomerId)
            && !HoldsLeftMessage(conversation))
        {
            _metrics.GraceExpired("Customer");
            var seconds = (int)_presence.Value.CustomerGrace.TotalSeconds;
            await _log.AppendSystemAsync(conversation, $"{conversation.CustomerName} left: no connection for {seconds} s.");
            await EndAsync(conversation, EndedBy.System, $"abandoned: the customer did not come back within {seconds} s");
        }
    }

    public async Task<ConversationSnapshot> Open(string customerId, string customerName, string department, string customerEmail = "")
    {
        if (_conversation is not null)
        {
            throw ChatException.FailedPrecondition($"conversation {_conversation.Id} already exists.");
        }

        var conversation = Conversation.Open(this.GetPrimaryKeyString(), customerId, customerName, department, _time.UtcNowMs(), customerEmail);
        await _store.SaveConversationAsync(conversation.ToRecord(), [ConversationEvents.Queued(conversation, conversation.StartedAt)], CancellationToken.None);
        _conversation = conversation;
        Retirement.Stop();
        await _board.ReportAsync(GrainFactory, conversation, _log.Messages);
        return Snapshot();
    }

    public async Task<SubscribeResult> Subscribe(string participantId, IChatObserver observer, long afterSeq)
    {
        var conversation = RequireFor(participantId);
        conversation.EnsureCursor(afterSeq);
        var older = _observers.Register(participantId, observer);
        if (participantId == conversation.CustomerId)
        {
            CustomerGrace.Stop();
            await _customerPresence.BackAsync(Queue(conversation), conversation.Id);

            // One live stream per customer: the one it resumed on wins, the older one (on any node) is closed. An agent's
            // older stream is closed by its agent grain, which alone knows which of the agent's streams signed in last.
            if (older is not null)
            {
                await older.OnReplaced();
            }
        }

        return new SubscribeResult(Snapshot(), _log.After(afterSeq)) { Notes = NotesFor(conversation, participantId, afterSeq) };
    }

    public async Task<SubscribeResult> Resubscribe(string participantId, IChatObserver observer, long afterSeq)
    {
        var conversation = RequireFor(participantId);
        var isCustomer = participantId == conversation.CustomerId;
        if (_observers.RegisterAgain(participantId, observer))
        {
            if (isCustomer)
            {
                CustomerGrace.Stop();
                await _customerPresence.BackAsync(Queue(conversation), conversation.Id);
            }
        }
        else if (isCustomer)
        {
            // A customer's stream registers first when it starts, so one that finds another is the older: it missed
            // being told (its node was busy dying, say) and is told now.
            await observer.OnReplaced();
        }

        return new SubscribeResult(Snapshot(), _log.After(afterSeq)) { Notes = NotesFor(conversation, participantId, afterSeq) };
    }

    public Task Unsubscribe(string participantId, IChatObserver observer)
    {
        _observers.Unregister(participantId, observer);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<MessageView>> GetMessagesAfter(string participantId, long afterSeq)
    {
        var conversation = RequireExisting();
        // Agents holds the names of the agents the conversation has had, while an agent's participant id is the slug of its
        // name: this admits a former agent only when its name is already a slug ("ada", not "Ada"). Kept as it was.
        if (!conversation.IsParticipant(participantId) && !conversation.Agents.Contains(participantId))
        {
            throw ChatException.NotAParticipant(conversation.Id);
        }

        return Task.FromResult(_log.After(afterSeq));
    }

    public async Task<SendReceipt> Send(string senderId, string clientMsgId, string text) =>
        (await SendBatch(senderId, [new OutgoingText(clientMsgId, text)]))[0].ReceiptOrThrow();

    /// <summary>Stores the new sends as one unit, and only then tells the other participants, all in one notification; a
    /// retried send gets its stored original. Text and client_msg_id shapes were checked at the edge.</summary>
    public async Task<IReadOnlyList<SendOutcome>> SendBatch(string senderId, IReadOnlyList<OutgoingText> sends)
    {
        var (conversation, author) = RequireAuthor(senderId);
        var outcomes = await _log.AppendAsync(conversation, author, sends);
        _timings.Sent(conversation, author.Role, outcomes);
        await _board.ReportAsync(GrainFactory, conversation, _log.Messages, byMessage: true);
        return outcomes;
    }

    public Task Signal(string participantId, SignalKind kind, long seq)
    {
        var (conversation, author) = RequireAuthor(participantId);
        if (kind == SignalKind.Read)
        {
            conversation.EnsureReadSeq(seq);
        }

        return _observers.TellSignalAsync(participantId, new SignalView(conversation.Id, kind, author.Role, author.Name, seq));
    }

    public async Task<EndedView> End(string participantId, string reason)
    {
        var conversation = RequireFor(participantId);
        conversation.EnsureOpen();
        var by = participantId == conversation.CustomerId ? EndedBy.Customer : EndedBy.Agent;
        return await EndAsync(conversation, by, reason);
    }

    public Task Transfer(string agentId, string department) => TransferWithNote(agentId, department, string.Empty);

    public async Task TransferWithNote(string agentId, string department, string note)
    {
        var conversation = RequireExisting();
        if (conversation.AgentId != agentId)
        {
            throw ChatException.PermissionDenied($"conversation {conversation.Id} is not yours to transfer.");
        }

        if (department == conversation.Department)
        {
            throw ChatException.InvalidArgument($"conversation {conversation.Id} is already in {department}.");
        }

        var agentName = conversation.AgentName ?? agentId;
        var from = conversation.Department;
        await KeepHandoverNoteAsync(conversation, agentId, agentName, note);
        conversation.Requeue(department);
        var now = _time.UtcNowMs();
        await _store.SaveConversationAsync(conversation.ToRecord(),
            [ConversationEvents.Transferred(conversation, now, from, agentId, agentName), ConversationEvents.Queued(conversation, now, $"transferred from {from}")],
            CancellationToken.None);
        await _log.AppendSystemAsync(conversation, $"{agentName} transferred this conversation to {department}.");
        await _observers.DetachAsync(agentId, new EndedView(conversation.Id, EndedBy.Agent, $"transferred to {department}", conversation.LastSeq));
        await GrainFactory.GetGrain<IAgentGrain>(agentId).Release(conversation.Id);
        GrainLog.Transferred(_logger, conversation.Id, agentId, department);
        await EnqueueAsync(conversation, front: false);
        await _board.ReportAsync(GrainFactory, conversation, _log.Messages);
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
        await _store.SaveConversationAsync(conversation.ToRecord(), [ConversationEvents.Assigned(conversation, _time.UtcNowMs())], CancellationToken.None);
        _timings.Assigned(conversation);
        await _board.ReportAsync(GrainFactory, conversation, _log.Messages);
        var assignment = new AssignmentView(conversation.Id, conversation.Department, agentId, agentName, agentTitle,
            conversation.CustomerId, conversation.CustomerName, conversation.StartedAt, conversation.CustomerEmail ?? string.Empty);
        await _observers.TellAssignedAsync(conversation.CustomerId, assignment);
        await GrainFactory.GetGrain<IAgentGrain>(agentId).NotifyAssigned(TakeHandover(assignment));
        return true;
    }

    public async Task AssignFromQueue(string agentId, string agentName, string agentTitle)
    {
        var id = this.GetPrimaryKeyString();
        try
        {
            if (await Assign(agentId, agentName, agentTitle))
            {
                GrainLog.Assigned(_logger, id, agentId, _conversation!.Department);
                return;
            }
        }
        catch (Exception ex)
        {
            GrainLog.AssignFailed(_logger, ex, id, agentId);
            if (_conversation is { Status: ConversationStatus.Active } unsaved && unsaved.AgentId == agentId)
            {
                unsaved.Requeue(unsaved.Department); // the assignment was not stored: undo it in memory too
            }

            if (_conversation is { Status: ConversationStatus.Queued } waiting)
            {
                await EnqueueAsync(waiting, front: true);
                await _board.ReportAsync(GrainFactory, waiting, _log.Messages);
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
            await _store.SaveConversationAsync(conversation.ToRecord(), [ConversationEvents.Queued(conversation, _time.UtcNowMs(), reason)], CancellationToken.None);
            await _log.AppendSystemAsync(conversation, $"{reason}; you will be connected to another agent.");
            _observers.Forget(agentId);
            await EnqueueAsync(conversation, front: true);
            await _board.ReportAsync(GrainFactory, conversation, _log.Messages);
        }
        catch (Exception ex)
        {
            GrainLog.ReturnToQueueFailed(_logger, ex, conversation.Id);
            throw;
        }
    }

    public Task NotifyQueued(int position, TimeSpan? estimatedWait, bool nobodyAvailable, OfflineView? offline) =>
        _conversation is { Status: ConversationStatus.Queued } conversation
            ? _observers.TellQueuedAsync(conversation.CustomerId,
                new QueuePositionView(conversation.Id, conversation.Department, position, estimatedWait) { NobodyAvailable = nobodyAvailable, Offline = offline })
            : Task.CompletedTask;

    private async Task<EndedView> EndAsync(Conversation conversation, EndedBy by, string reason)
    {
        var wasQueued = conversation.Status == ConversationStatus.Queued;
        var agentId = conversation.AgentId;
        conversation.End(by, _time.UtcNowMs());
        await _store.SaveConversationAsync(conversation.ToRecord(), [ConversationEvents.Ended(conversation, reason)], CancellationToken.None);
        GrainLog.Ended(_logger, conversation.Id, by.ToString(), reason);
        await _board.EndedAsync(GrainFactory, conversation);
        var ended = new EndedView(conversation.Id, by, reason, conversation.LastSeq);
        await _observers.EndAllAsync(ended);
        CustomerGrace.Stop();
        Retirement.Start(_presence.Value.EndedLinger);
        if (agentId is not null)
        {
            await GrainFactory.GetGrain<IAgentGrain>(agentId).Release(conversation.Id);
        }

        if (wasQueued)
        {
            await Queue(conversation).Cancel(conversation.Id);
        }

        return ended;
    }

    /// <summary>Lets an ended (or never opened) conversation's activation go: nothing in it is live any more, and left to
    /// Orleans' idle collection (15 minutes) a busy server holds thousands of them. A later call loads it again from the
    /// store. Not done on the spot at the end: calls already on their way would be forwarded to a deactivating grain and
    /// refused.</summary>
    private Task RetireAsync()
    {
        if (_conversation is null or { Status: ConversationStatus.Ended })
        {
            DeactivateOnIdle();
        }

        return Task.CompletedTask;
    }

    private IDepartmentQueueGrain Queue(Conversation conversation) => GrainFactory.GetGrain<IDepartmentQueueGrain>(conversation.Department);

    private Task EnqueueAsync(Conversation conversation, bool front) =>
        _customerPresence.EnqueueAsync(Queue(conversation), EntryOf(conversation, front),
            _observers.IsConnected(conversation.CustomerId) || HoldsLeftMessage(conversation));

    /// <summary>A waiting conversation whose customer wrote before any agent had it: a message left for the team (as
    /// the offline notice invites). It is not abandoned when the customer goes, and it is routed while the customer is
    /// gone: the agent answers, and the customer reads the answer when it resumes. A customer who waits without
    /// writing still holds no seat while away, and is abandoned after its grace period.</summary>
    private bool HoldsLeftMessage(Conversation conversation) =>
        conversation.Status == ConversationStatus.Queued && conversation.Agents.Count == 0
        && _log.Messages.Any(m => m.From == SenderRole.Customer);

    private static QueueEntry EntryOf(Conversation conversation, bool front) =>
        new(conversation.Id, conversation.CustomerName, conversation.QueuedAt, front);

    private ConversationSnapshot Snapshot()
    {
        var c = Require();
        return new ConversationSnapshot(c.Id, c.CustomerId, c.CustomerName, c.Department, c.Status, c.AgentId, c.AgentName,
            c.LastSeq, c.StartedAt, _agentTitle, c.EndedBy, c.CustomerEmail ?? string.Empty);
    }

    /// <summary>The conversation as <paramref name="participantId"/> may see it: refused unless they are in it.</summary>
    private Conversation RequireFor(string participantId)
    {
        var conversation = RequireExisting();
        return conversation.IsParticipant(participantId) ? conversation : throw ChatException.NotAParticipant(conversation.Id);
    }

    /// <summary>Who writes as <paramref name="participantId"/>: refused as by <see cref="RequireFor"/> when they are not in
    /// the conversation (the domain's own participant check), and once it has ended.</summary>
    private (Conversation Conversation, MessageAuthor Author) RequireAuthor(string participantId)
    {
        var conversation = RequireExisting();
        var role = conversation.AuthorizeSend(participantId);
        var name = role == SenderRole.Customer ? conversation.CustomerName : conversation.AgentName ?? string.Empty;
        return (conversation, new MessageAuthor(role, participantId, name));
    }

    /// <summary>The conversation, to a caller from outside: a missing one is refused exactly like someone else's, so ids
    /// cannot be probed for existence.</summary>
    private Conversation RequireExisting() =>
        _conversation ?? throw ChatException.NotAParticipant(this.GetPrimaryKeyString());

    private Conversation Require() =>
        _conversation ?? throw ChatException.NotFound($"conversation {this.GetPrimaryKeyString()} does not exist.");
}
