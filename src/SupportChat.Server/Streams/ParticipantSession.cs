using System.Collections.Concurrent;
using System.Threading.Channels;
using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Protocol.Rules;
using SupportChat.Domain.Messages;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;

namespace SupportChat.Server.Streams;

/// <summary>
/// One participant's open stream. Grains, the command loop and the refresh timer only post into a bounded
/// inbox; one loop drains it into the response stream (IServerStreamWriter is not thread safe), releasing
/// each conversation's messages in seq order. A full inbox means the client does not read: it is cut off
/// and will resume, instead of growing server memory.
/// </summary>
internal sealed class ParticipantSession : IAsyncDisposable
{
    private static readonly TimeSpan ObserverLinger = TimeSpan.FromSeconds(10);

    // Messages and acks of one conversation travel separately (notifications one way, receipts back through the
    // command loop), so a short gap is normal: it is filled from the conversation only if it outlasts this.
    private static readonly TimeSpan GapGrace = TimeSpan.FromMilliseconds(250);

    private bool _gapCheckPending;
    private readonly Channel<SessionInput> _inbox;
    private readonly ConcurrentDictionary<string, SeqGate<ServerEvent>> _feeds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _ended = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, long> _cursors;
    private readonly EventWriter _writer;
    private readonly IGrainFactory _grains;
    private readonly ChatOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _slowConsumer = new();

    // Orleans holds observer objects weakly: without this field the garbage collector may take the observer
    // while the stream is open, and grains' notifications to it are silently dropped.
    private readonly SessionObserver _observerTarget;
    private readonly List<ServerEvent> _ready = [];
    private readonly TokenBucket _sendLimit;
    private readonly Action<ParticipantSession>? _closed;
    private bool _finished;
    private volatile bool _completed;

    public ParticipantSession(string participantId, bool endsWithConversation, EventWriter writer,
        IGrainFactory grains, ChatOptions options, ILogger logger, IReadOnlyDictionary<string, long>? cursors = null,
        Action<ParticipantSession>? closed = null)
    {
        _closed = closed;
        ParticipantId = participantId;
        EndsWithConversation = endsWithConversation;
        _writer = writer;
        _grains = grains;
        _options = options;
        _logger = logger;
        _cursors = cursors ?? new Dictionary<string, long>();
        _sendLimit = new TokenBucket(options.SendRatePerSecond, options.SendBurst, TimeProvider.System);
        _inbox = Channel.CreateBounded<SessionInput>(new BoundedChannelOptions(options.OutboundQueueSize) { SingleReader = true });
        _observerTarget = new SessionObserver(this);
        Observer = grains.CreateObjectReference<IChatObserver>(_observerTarget);
    }

    public string ParticipantId { get; }

    /// <summary>A customer's stream closes once its conversation has ended.</summary>
    public bool EndsWithConversation { get; }

    /// <summary>The reference grains use to reach this stream.</summary>
    public IChatObserver Observer { get; }

    /// <summary>Cancelled when the client stopped reading and was cut off.</summary>
    public CancellationToken TooSlow => _slowConsumer.Token;

    public ICollection<string> OpenConversations => _feeds.Keys;

    /// <summary>Agents: whether the agent last chose to be available (kept for a re-sign-in after a node died).</summary>
    public bool Available { get; set; } = true;

    /// <summary>Agents: makes sure the agent grain still knows this stream, before each refresh of its conversations.</summary>
    public Func<CancellationToken, Task>? Reattach { get; set; }

    /// <summary>Whether a conversation this stream had has ended (or was transferred away).</summary>
    public bool HasEnded(string conversationId) => _ended.ContainsKey(conversationId);

    /// <summary>Counts a send against the participant's rate; throws ResourceExhausted for one over it.
    /// Called only from the stream's command loop.</summary>
    public void ChargeSend()
    {
        if (!_sendLimit.TryTake())
        {
            var wait = Math.Max(1, (int)Math.Ceiling(_sendLimit.TimeUntilNext().TotalMilliseconds));
            throw ChatException.ResourceExhausted(
                $"too many messages: at most {_options.SendRatePerSecond:0.##} per second (bursts of {_options.SendBurst}); this one was not sent, retry in {wait} ms.");
        }
    }

    public void Track(string conversationId, long deliveredSeq) =>
        _feeds.TryAdd(conversationId, new SeqGate<ServerEvent>(deliveredSeq));

    public void Post(SessionInput input)
    {
        if (!_inbox.Writer.TryWrite(input) && !_completed && !_finished && !_slowConsumer.IsCancellationRequested)
        {
            ServerLog.SlowConsumer(_logger, ParticipantId, _inbox.Reader.Count);
            _slowConsumer.Cancel();
        }
    }

    /// <summary>No more input: the writer loop ends once it has written what is queued.</summary>
    public void Complete()
    {
        _completed = true;
        _inbox.Writer.TryComplete();
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _slowConsumer.Token);
        var token = linked.Token;
        using var refresh = StartRefreshTimer(token);
        var reader = _inbox.Reader;
        while (!_finished && await reader.WaitToReadAsync(token))
        {
            while (!_finished && reader.TryRead(out var input))
            {
                await HandleAsync(input, token);
            }

            await _writer.EndBurstAsync(token);

            if (!_gapCheckPending && HasGap())
            {
                _gapCheckPending = true;
                _ = Task.Delay(GapGrace, token).ContinueWith(_ => Post(new GapCheckInput()), CancellationToken.None,
                    TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
            }
        }

        await _writer.EndBurstAsync(token);
    }

    public async ValueTask DisposeAsync()
    {
        _finished = true;
        _closed?.Invoke(this);
        Complete();
        // Unsubscribe first, so conversations stop sending to an observer that is about to vanish.
        foreach (var conversationId in _feeds.Keys)
        {
            try
            {
                await _grains.GetGrain<IConversationGrain>(conversationId).Unsubscribe(ParticipantId, Observer);
            }
            catch (Exception ex)
            {
                ServerLog.CleanupFailed(_logger, ex, ParticipantId);
            }
        }

        // One-way notifications sent just before the unsubscribe may still be in flight; the observer ignores
        // them once the session is done, so keep it registered briefly rather than have them hit a missing target.
        _ = Task.Delay(ObserverLinger).ContinueWith(_ => ReleaseObserver(), TaskScheduler.Default);
        _slowConsumer.Dispose();
    }

    private void ReleaseObserver()
    {
        try
        {
            _grains.DeleteObjectReference<IChatObserver>(Observer);
        }
        catch (Exception ex)
        {
            ServerLog.CleanupFailed(_logger, ex, ParticipantId);
        }
    }

    private async Task HandleAsync(SessionInput input, CancellationToken token)
    {
        switch (input)
        {
            case PlainInput plain:
                await WriteAsync(plain.Event, token);
                break;
            case MessagesInput batch when _feeds.TryGetValue(batch.ConversationId, out var feed):
                foreach (var message in batch.Messages)
                {
                    feed.Offer(message.Seq, EventMapper.Message(message), _ready);
                }

                await FlushReadyAsync(token);
                break;
            case AcksInput acks:
                await AcknowledgeAsync(acks, token);
                break;
            case GapCheckInput:
                _gapCheckPending = false;
                await FillGapsAsync(token);
                break;
            case AttachInput attach:
                await AttachAsync(attach, token);
                break;
            case ResumedInput resumed:
                await CatchUpAsync(resumed.Result, null, token);
                break;
            case EndedInput ended:
                await EndAsync(ended.Ended, token);
                break;
            case RefreshInput:
                await RefreshAsync(token);
                break;
        }
    }

    /// <summary>Writes the assignment, then everything of the conversation this participant has not seen.</summary>
    private async Task AttachAsync(AttachInput attach, CancellationToken token)
    {
        var conversationId = attach.ConversationId;
        if (_feeds.ContainsKey(conversationId) && attach.Assignment is { } assignment)
        {
            await WriteAsync(EventMapper.Assigned(assignment), token);
            return;
        }

        Track(conversationId, _cursors.GetValueOrDefault(conversationId));
        var result = await _grains.GetGrain<IConversationGrain>(conversationId)
            .Subscribe(ParticipantId, Observer, _feeds[conversationId].Delivered);
        await CatchUpAsync(result, attach.Assignment, token);
    }

    /// <summary>
    /// Brings a (re)attached stream up to date from a subscription: the assignment if there is an agent, the
    /// messages after the cursor in order, and the end if the conversation ended while the client was away.
    /// </summary>
    private async Task CatchUpAsync(SubscribeResult result, AssignmentView? assignment, CancellationToken token)
    {
        var c = result.Conversation;
        if (assignment is not null || c.Status == ConversationStatus.Active)
        {
            assignment ??= new AssignmentView(c.ConversationId, c.Department, c.AgentId ?? string.Empty, c.AgentName ?? string.Empty,
                c.AgentTitle, c.CustomerId, c.CustomerName, c.StartedAt);
            await WriteAsync(EventMapper.Assigned(assignment), token);
        }

        OfferAll(c.ConversationId, result.Backlog);
        await FlushReadyAsync(token);
        if (c.Status == ConversationStatus.Ended)
        {
            await EndAsync(new EndedView(c.ConversationId, c.EndedBy ?? Domain.Conversations.EndedBy.System, "the conversation has ended.", c.LastSeq), token);
        }
    }

    /// <summary>Delivers every message up to the conversation's last before saying it ended.</summary>
    private async Task EndAsync(EndedView ended, CancellationToken token)
    {
        if (!_feeds.TryGetValue(ended.ConversationId, out var gate))
        {
            return;
        }

        if (gate.Delivered < ended.LastSeq)
        {
            await FillGapAsync(ended.ConversationId, gate, token);
        }

        _feeds.TryRemove(ended.ConversationId, out _);
        _ended.TryAdd(ended.ConversationId, 0);
        await WriteAsync(EventMapper.Ended(ended), token);
        _finished = EndsWithConversation;
    }

    private bool HasGap()
    {
        foreach (var (_, gate) in _feeds)
        {
            if (gate.HasGap)
            {
                return true;
            }
        }

        return false;
    }

    private async Task FillGapsAsync(CancellationToken token)
    {
        foreach (var (conversationId, gate) in _feeds)
        {
            if (gate.HasGap)
            {
                await FillGapAsync(conversationId, gate, token);
            }
        }
    }

    private async Task FillGapAsync(string conversationId, SeqGate<ServerEvent> gate, CancellationToken token)
    {
        var missing = await _grains.GetGrain<IConversationGrain>(conversationId).GetMessagesAfter(ParticipantId, gate.Delivered);
        OfferAll(conversationId, missing);
        await FlushReadyAsync(token);
    }

    private async Task RefreshAsync(CancellationToken token)
    {
        if (Reattach is { } reattach)
        {
            try
            {
                await reattach(token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ServerLog.RefreshFailed(_logger, ex, ParticipantId);
            }
        }

        foreach (var (conversationId, gate) in _feeds)
        {
            try
            {
                var result = await _grains.GetGrain<IConversationGrain>(conversationId).Subscribe(ParticipantId, Observer, gate.Delivered);
                OfferAll(conversationId, result.Backlog);
                await FlushReadyAsync(token);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                ServerLog.RefreshFailed(_logger, ex, ParticipantId);
            }
        }
    }

    private void OfferAll(string conversationId, IReadOnlyList<MessageView> messages)
    {
        var gate = _feeds[conversationId];
        foreach (var message in messages)
        {
            gate.Offer(message.Seq, EventMapper.Message(message), _ready);
        }
    }

    private async Task FlushReadyAsync(CancellationToken token)
    {
        for (var i = 0; i < _ready.Count; i++)
        {
            await WriteAsync(_ready[i], token);
        }

        _ready.Clear();
    }

    /// <summary>Acks in seq order with the conversation's messages; a retried send's earlier ack goes out at once.</summary>
    private async Task AcknowledgeAsync(AcksInput acks, CancellationToken token)
    {
        _feeds.TryGetValue(acks.ConversationId, out var gate);
        foreach (var receipt in acks.Receipts)
        {
            var ack = EventMapper.Ack(receipt);
            if (gate is null || receipt.Seq <= gate.Delivered)
            {
                await WriteAsync(ack, token);
            }
            else
            {
                gate.Offer(receipt.Seq, ack, _ready);
            }
        }

        await FlushReadyAsync(token);
    }

    private Task WriteAsync(ServerEvent e, CancellationToken token) => _writer.WriteAsync(e, token);

    private ITimer StartRefreshTimer(CancellationToken token) =>
        TimeProvider.System.CreateTimer(_ => { if (!token.IsCancellationRequested) { Post(new RefreshInput()); } },
            null, _options.ResubscribeInterval, _options.ResubscribeInterval);
}
