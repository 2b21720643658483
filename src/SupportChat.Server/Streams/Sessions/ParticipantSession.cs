using System.Threading.Channels;
using SupportChat.Grains.Contracts;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>
/// One participant's open stream. Grains, the command loop and the refresh timer only post into a bounded
/// inbox; one loop drains it into the response stream (IServerStreamWriter is not thread safe), releasing
/// each conversation's messages in seq order (<see cref="ConversationFeeds"/>). A full inbox means the client does
/// not read: it is cut off and will resume, instead of growing server memory.
/// </summary>
internal sealed class ParticipantSession : IAsyncDisposable
{
    // Messages and acks of one conversation travel separately (notifications one way, receipts back through the
    // command loop), so a short gap is normal: it is filled from the conversation only if it outlasts this.
    private static readonly TimeSpan GapGrace = TimeSpan.FromMilliseconds(250);

    private readonly ISessionParticipant _participant;
    private readonly bool _endsWithConversation;
    private readonly Channel<SessionInput> _inbox;
    private readonly EventWriter _writer;
    private readonly ConversationFeeds _feeds;
    private readonly ObserverLifetime _observer;
    private readonly ChatOptions _options;
    private readonly ILogger _logger;
    private readonly OpenSessions? _openSessions;
    private readonly CancellationTokenSource _slowConsumer = new();
    private bool _gapCheckPending;
    private bool _disposed;
    private volatile bool _completed;

    public ParticipantSession(ISessionParticipant participant, EventWriter writer, IChatGrains grains, ChatOptions options, ILogger logger,
        OpenSessions? openSessions = null)
    {
        _participant = participant;
        ParticipantId = participant.ParticipantId;
        _endsWithConversation = participant.EndsWithConversation;
        _writer = writer;
        _options = options;
        _logger = logger;
        _openSessions = openSessions;
        _inbox = Channel.CreateBounded<SessionInput>(new BoundedChannelOptions(options.OutboundQueueSize) { SingleReader = true });
        _observer = new ObserverLifetime(grains, new SessionObserver(this), participant.ParticipantId, logger);
        _feeds = new ConversationFeeds(participant.ParticipantId, _observer.Reference, participant.Cursors, writer, grains, logger);
    }

    public string ParticipantId { get; }

    /// <summary>The reference grains use to reach this stream.</summary>
    public IChatObserver Observer => _observer.Reference;

    /// <summary>Cancelled when the client stopped reading and was cut off.</summary>
    public CancellationToken TooSlow => _slowConsumer.Token;

    public ICollection<string> OpenConversations => _feeds.Open;

    /// <summary>Whether a conversation this stream had has ended (or was transferred away).</summary>
    public bool HasEnded(string conversationId) => _feeds.HasEnded(conversationId);

    public void Track(string conversationId, long deliveredSeq) => _feeds.Track(conversationId, deliveredSeq);

    // The writer loop stops once the session is disposed, or once a customer's conversation has ended.
    private bool Finished => _disposed || (_endsWithConversation && _feeds.EndedAny);

    public void Post(SessionInput input)
    {
        if (!_inbox.Writer.TryWrite(input) && !_completed && !Finished && !_slowConsumer.IsCancellationRequested)
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
        while (!Finished && await reader.WaitToReadAsync(token))
        {
            while (!Finished && reader.TryRead(out var input))
            {
                await HandleAsync(input, token);
            }

            await _writer.EndBurstAsync(token);

            if (!_gapCheckPending && _feeds.HasGap)
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
        _disposed = true;
        _openSessions?.Remove(this);
        Complete();
        await _observer.EndAsync(_feeds.Open);
        _slowConsumer.Dispose();
    }

    private Task HandleAsync(SessionInput input, CancellationToken token) => input switch
    {
        PlainInput plain => _writer.WriteAsync(plain.Event, token),
        MessagesInput messages => _feeds.ReleaseAsync(messages, token),
        AcksInput acks => _feeds.AcknowledgeAsync(acks, token),
        GapCheckInput => FillGapsAsync(token),
        AttachInput attach => _feeds.AttachAsync(attach, token),
        ResumedInput resumed => _feeds.CatchUpAsync(resumed.Result, null, token),
        EndedInput ended => _feeds.EndAsync(ended.Ended, token),
        RefreshInput => RefreshAsync(token),
        _ => Task.CompletedTask,
    };

    private Task FillGapsAsync(CancellationToken token)
    {
        _gapCheckPending = false;
        return _feeds.FillGapsAsync(token);
    }

    private async Task RefreshAsync(CancellationToken token)
    {
        try
        {
            await _participant.BeforeRefreshAsync(this, token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ServerLog.RefreshFailed(_logger, ex, ParticipantId);
        }

        await _feeds.ResubscribeAsync(token);
    }

    private ITimer StartRefreshTimer(CancellationToken token) =>
        TimeProvider.System.CreateTimer(_ => { if (!token.IsCancellationRequested) { Post(new RefreshInput()); } },
            null, _options.ResubscribeInterval, _options.ResubscribeInterval);
}
