using System.Collections.Concurrent;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Grains;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.V1;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>
/// The conversations one stream follows, each through a <see cref="SeqGate{T}"/>: the participant sees each
/// conversation's messages and its own acks in seq order and each exactly once, even when a grain's push and a
/// command's ack race each other. Missing messages are read from the conversation grain, and a conversation's end
/// goes out only after every message before it. Only the session's writer loop calls the methods that write.
/// </summary>
internal sealed partial class ConversationFeeds(
    string participantId, IChatObserver observer, IReadOnlyDictionary<string, long> cursors, EventWriter writer, IChatGrains grains, ILogger logger)
{
    private readonly ConcurrentDictionary<string, SeqGate<ServerEvent>> _gates = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _ended = new(StringComparer.Ordinal);
    private readonly List<ServerEvent> _ready = [];

    /// <summary>The conversations followed now.</summary>
    public ICollection<string> Open => _gates.Keys;

    /// <summary>Whether the stream follows the conversation now.</summary>
    public bool Follows(string conversationId) => _gates.ContainsKey(conversationId);

    /// <summary>Whether an ended event has been written (for a customer, its stream is then done).</summary>
    public bool EndedAny { get; private set; }

    /// <summary>Whether a conversation this stream had has ended (or was transferred away).</summary>
    public bool HasEnded(string conversationId) => _ended.ContainsKey(conversationId);

    /// <summary>Follows a conversation from the seq after <paramref name="deliveredSeq"/>.</summary>
    public void Track(string conversationId, long deliveredSeq) =>
        _gates.TryAdd(conversationId, new SeqGate<ServerEvent>(deliveredSeq));

    /// <summary>True while a message waits for an earlier one that has not arrived.</summary>
    public bool HasGap
    {
        get
        {
            foreach (var (_, gate) in _gates)
            {
                if (gate.HasGap)
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>Messages from the other participants: written as soon as they are next in line.</summary>
    public Task ReleaseAsync(MessagesInput batch, CancellationToken token)
    {
        if (!_gates.TryGetValue(batch.ConversationId, out var gate))
        {
            return Task.CompletedTask;
        }

        foreach (var message in batch.Messages)
        {
            gate.Offer(message.Seq, EventMapper.Message(message), _ready);
        }

        return FlushReadyAsync(token);
    }

    /// <summary>Acks in seq order with the conversation's messages; a retried send's earlier ack goes out at once.</summary>
    public async Task AcknowledgeAsync(AcksInput acks, CancellationToken token)
    {
        _gates.TryGetValue(acks.ConversationId, out var gate);
        foreach (var receipt in acks.Receipts)
        {
            var ack = EventMapper.Ack(receipt);
            if (gate is null || receipt.Seq <= gate.Delivered)
            {
                await writer.WriteAsync(ack, token);
            }
            else
            {
                gate.Offer(receipt.Seq, ack, _ready);
            }
        }

        await FlushReadyAsync(token);
    }

    /// <summary>Writes the assignment, then everything of the conversation this participant has not seen.</summary>
    public async Task AttachAsync(AttachInput attach, CancellationToken token)
    {
        var conversationId = attach.ConversationId;
        if (_gates.ContainsKey(conversationId) && attach.Assignment is { } assignment)
        {
            await writer.WriteAsync(EventMapper.Assigned(assignment), token);
            return;
        }

        // The hello's cursor counts only until the conversation ends on this stream: one assigned here again (a
        // transfer to a department of the same agent) is taken over afresh, so its whole history is replayed.
        Track(conversationId, _ended.ContainsKey(conversationId) ? 0 : cursors.GetValueOrDefault(conversationId));
        SubscribeResult result;
        try
        {
            result = await grains.Conversation(conversationId).Subscribe(participantId, observer, _gates[conversationId].Delivered);
        }
        catch (Exception ex) when (ErrorCodes.Of(ex) == ErrorCode.PermissionDenied)
        {
            await NoLongerOursAsync(conversationId, token);
            return;
        }

        await CatchUpAsync(result, attach.Assignment, token);
    }

    /// <summary>
    /// An agent's grain can list a conversation a step before the conversation agrees: one reserved for the agent and not
    /// yet assigned, or ended (or handed on) with its release still on its way. Refused, it is dropped from the stream,
    /// which goes on. A client that had it (named it in its hello) is told it is no longer its own; one that never heard
    /// of it is told nothing, and gets the assignment if it does come.
    /// </summary>
    private async Task NoLongerOursAsync(string conversationId, CancellationToken token)
    {
        _gates.TryRemove(conversationId, out _);
        ServerLog.AttachRefused(logger, participantId, conversationId);
        if (cursors.TryGetValue(conversationId, out var lastSeq))
        {
            _ended.TryAdd(conversationId, 0);
            await writer.WriteAsync(EventMapper.NoLongerYours(conversationId, lastSeq), token);
            EndedAny = true;
        }
    }

    /// <summary>
    /// Brings a (re)attached stream up to date from a subscription: the assignment if there is an agent, the
    /// messages after the cursor in order, and the end if the conversation ended while the client was away.
    /// </summary>
    public async Task CatchUpAsync(SubscribeResult result, AssignmentView? assignment, CancellationToken token)
    {
        var c = result.Conversation;
        if (assignment is not null || c.Status == ConversationStatus.Active)
        {
            assignment ??= new AssignmentView(c.ConversationId, c.Department, c.AgentId ?? string.Empty, c.AgentName ?? string.Empty,
                c.AgentTitle, c.CustomerId, c.CustomerName, c.StartedAt, c.CustomerEmail);
            await writer.WriteAsync(EventMapper.Assigned(assignment), token);
        }

        await OfferWithNotesAsync(c.ConversationId, result.Backlog, result.Notes, token);
        if (c.Status == ConversationStatus.Ended)
        {
            await EndAsync(new EndedView(c.ConversationId, c.EndedBy ?? Domain.Conversations.EndedBy.System, "the conversation has ended.", c.LastSeq), token);
        }
    }

    /// <summary>Delivers every message up to the conversation's last before saying it ended.</summary>
    public async Task EndAsync(EndedView ended, CancellationToken token)
    {
        if (!_gates.TryGetValue(ended.ConversationId, out var gate))
        {
            return;
        }

        if (gate.Delivered < ended.LastSeq)
        {
            await FillGapAsync(ended.ConversationId, gate, token);
        }

        _gates.TryRemove(ended.ConversationId, out _);
        ForgetNotes(ended.ConversationId);
        _ended.TryAdd(ended.ConversationId, 0);
        await writer.WriteAsync(EventMapper.Ended(ended), token);
        EndedAny = true;
    }

    /// <summary>A gap has lasted past its grace: reads what is missing from the conversations.</summary>
    public async Task FillGapsAsync(CancellationToken token)
    {
        foreach (var (conversationId, gate) in _gates)
        {
            if (gate.HasGap)
            {
                await FillGapAsync(conversationId, gate, token);
            }
        }
    }

    /// <summary>Registers again with every conversation, which keeps their grains active and lets a grain that was
    /// deactivated (or re-activated elsewhere) find the stream; catches up on whatever that shows was missed. Never
    /// takes a conversation from a newer stream of the same participant.</summary>
    /// <returns>False when a conversation's grain could not be reached (its node has just died and the cluster has not
    /// moved it yet): worth trying again soon.</returns>
    public async Task<bool> ResubscribeAsync(CancellationToken token)
    {
        var reachedAll = true;
        foreach (var (conversationId, gate) in _gates)
        {
            try
            {
                var result = await grains.Conversation(conversationId).Resubscribe(participantId, observer, gate.Delivered);
                await OfferWithNotesAsync(conversationId, result.Backlog, result.Notes, token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ServerLog.RefreshFailed(logger, ex, participantId);
                reachedAll &= !ChatErrors.IsClusterHiccup(ex);
            }
        }

        return reachedAll;
    }

    private async Task FillGapAsync(string conversationId, SeqGate<ServerEvent> gate, CancellationToken token)
    {
        var missing = await grains.Conversation(conversationId).GetMessagesAfter(participantId, gate.Delivered);
        OfferAll(conversationId, missing);
        await FlushReadyAsync(token);
    }

    private void OfferAll(string conversationId, IReadOnlyList<MessageView> messages)
    {
        var gate = _gates[conversationId];
        foreach (var message in messages)
        {
            gate.Offer(message.Seq, EventMapper.Message(message), _ready);
        }
    }

    private async Task FlushReadyAsync(CancellationToken token)
    {
        for (var i = 0; i < _ready.Count; i++)
        {
            await writer.WriteAsync(_ready[i], token);
        }

        _ready.Clear();
    }
}
