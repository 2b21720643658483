using System.Threading.Channels;
using Grpc.Core;
using SupportChat.Grains;
using SupportChat.Grains.Contracts;
using SupportChat.Server.Configuration;
using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Metrics;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>
/// One participant's open stream. Grains, the command loop and the refresh timer only post into a bounded
/// inbox; one loop drains it into the response stream (IServerStreamWriter is not thread safe), releasing
/// each conversation's messages in seq order (<see cref="ConversationFeeds"/>). A full inbox means the client does
/// not read: the stream is stopped (it will resume), instead of growing server memory.
/// </summary>
internal sealed class ParticipantSession : IAsyncDisposable
{
    // Messages and acks of one conversation travel separately (notifications one way, receipts back through the
    // command loop), so a short gap is normal: it is filled from the conversation only if it outlasts this.
    private static readonly TimeSpan GapGrace = TimeSpan.FromMilliseconds(250);

    // The refresh after a node died comes as soon as the node is declared dead, when calls to the grains it held may
    // still fail for a moment (the cluster has not moved them yet). Waiting for the next periodic refresh, a minute on,
    // would leave those grains not knowing the stream: an agent's grain would count its agent gone after the grace
    // period and hand its conversations on, though the agent never left. So a refresh that could not reach a grain is
    // tried again soon, a few times.
    private static readonly TimeSpan[] RefreshRetryDelays =
        [TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(8)];

    private readonly ISessionParticipant _participant;
    private readonly bool _endsWithConversation;
    private readonly Channel<SessionInput> _inbox;
    private readonly EventWriter _writer;
    private readonly ConversationFeeds _feeds;
    private readonly ObserverLifetime _observer;
    private readonly ChatOptions _options;
    private readonly ILogger _logger;
    private readonly OpenSessions? _openSessions;
    private readonly TaskCompletionSource<Status> _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();

    // Cancels the response writes themselves, which resets the HTTP/2 stream: only for a write the client's flow
    // control still holds up well after the stream was stopped (see ResetStuckWriteAfter).
    private readonly CancellationTokenSource _resetWrites = new();
    private bool _gapCheckPending;
    private int _refreshRetries;
    private bool _disposed;
    private volatile bool _completed;

    public ParticipantSession(ISessionParticipant participant, EventWriter writer, IChatGrains grains, ChatOptions options, ILogger logger,
        OpenSessions? openSessions = null, SupportChatMetrics? metrics = null)
    {
        Metrics = metrics ?? SupportChatMetrics.Unobserved;
        _participant = participant;
        ParticipantId = participant.ParticipantId;
        _endsWithConversation = participant.EndsWithConversation;
        _writer = writer;
        _options = options;
        _logger = logger;
        _openSessions = openSessions;
        _inbox = Channel.CreateBounded<SessionInput>(new BoundedChannelOptions(options.OutboundQueueSize) { SingleReader = true });
        _observer = new ObserverLifetime(grains, new SessionObserver(this), participant.ParticipantId, logger, openSessions);
        _feeds = new ConversationFeeds(participant.ParticipantId, _observer.Reference, participant.Cursors, writer, grains, logger)
        {
            SeesNotes = participant.SeesNotes,
        };
    }

    public string ParticipantId { get; }

    /// <summary>Where the stream's figures go (streams, acks, errors); the send path reaches it through the session.</summary>
    public SupportChatMetrics Metrics { get; }

    /// <summary>The reference grains use to reach this stream.</summary>
    public IChatObserver Observer => _observer.Reference;

    /// <summary>Completes with the status the stream must end with once something outside the command loop stopped it:
    /// the client does not read, a newer stream replaced it, the server stops, its cursor was out of range.</summary>
    public Task<Status> Stopped => _stopped.Task;

    public ICollection<string> OpenConversations => _feeds.Open;

    /// <summary>Whether the stream follows the conversation now (cheaper than looking in <see cref="OpenConversations"/>).</summary>
    public bool Follows(string conversationId) => _feeds.Follows(conversationId);

    /// <summary>Whether a conversation this stream had has ended (or was transferred away).</summary>
    public bool HasEnded(string conversationId) => _feeds.HasEnded(conversationId);

    public void Track(string conversationId, long deliveredSeq) => _feeds.Track(conversationId, deliveredSeq);

    private bool IsStopped => _stopped.Task.IsCompleted;

    // The writer loop stops once the session is disposed or stopped, or once a customer's conversation has ended.
    private bool Finished => _disposed || IsStopped || (_endsWithConversation && _feeds.EndedAny);

    public void Post(SessionInput input)
    {
        // A browser call waiting for its command's answer takes it here (an ack it also lets through to the stream).
        if (input is ErrorInput or AcksInput && CommandReplies.Current?.Take(input) == true)
        {
            return;
        }

        if (!_inbox.Writer.TryWrite(input) && !_completed && !Finished)
        {
            ServerLog.SlowConsumer(_logger, ParticipantId, _inbox.Reader.Count);
            Stop(StreamEnds.TooSlow);
        }
    }

    /// <summary>
    /// Ends the stream from outside its command loop with <paramref name="status"/> (the first stop wins). The writer
    /// loop starts nothing more, but a write in progress is not cancelled: cancelling it would reset the HTTP/2 stream,
    /// and the client would see CANCELLED instead of the status, which goes out after what was already written.
    /// </summary>
    public void Stop(Status status)
    {
        if (_stopped.TrySetResult(status))
        {
            _writer.Close();
            _stopping.Cancel();
        }
    }

    /// <summary>A newer stream of the same participant took over: this one ends with ABORTED.</summary>
    public void Replace()
    {
        ServerLog.StreamReplaced(_logger, ParticipantId);
        Stop(StreamEnds.Replaced);
    }

    /// <summary>The call is over but a write is still held up by the client's flow control (it does not read): the
    /// stream's status waits behind it. A client that reads again soon gets both; otherwise the write is cancelled
    /// after <paramref name="delay"/>, which resets the stream, so that it does not hold what it buffered for ever.</summary>
    public void ResetStuckWriteAfter(TimeSpan delay) => _resetWrites.CancelAfter(delay);

    /// <summary>No more input: the writer loop ends once it has written what is queued.</summary>
    public void Complete()
    {
        _completed = true;
        _inbox.Writer.TryComplete();
    }

    /// <summary>The writer loop: until the session is finished, stopped or completed and drained, or the call is cancelled.
    /// Returns normally when stopped (the caller ends the call with <see cref="Stopped"/>'s status).</summary>
    public async Task RunAsync(CancellationToken callToken)
    {
        // Waiting (for input, a gap's grace, the refresh) ends with a stop; writing only with the call (or a reset).
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(callToken, _stopping.Token);
        using var writes = CancellationTokenSource.CreateLinkedTokenSource(callToken, _resetWrites.Token);
        var token = writes.Token;
        using var refresh = StartRefreshTimer(wait.Token);
        var reader = _inbox.Reader;
        try
        {
            while (!Finished && await reader.WaitToReadAsync(wait.Token))
            {
                while (!Finished && reader.TryRead(out var input))
                {
                    await HandleAsync(input, token);
                }

                await _writer.EndBurstAsync(token);

                if (!_gapCheckPending && _feeds.HasGap)
                {
                    _gapCheckPending = true;
                    _ = Task.Delay(GapGrace, wait.Token).ContinueWith(_ => Post(new GapCheckInput()), CancellationToken.None,
                        TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
                }
            }

            await _writer.EndBurstAsync(token);
        }
        catch (OperationCanceledException) when (IsStopped && !callToken.IsCancellationRequested)
        {
            // Stopped while waiting, or before the next frame: the caller ends the call with the stop's status.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        _openSessions?.Remove(this);
        Complete();
        await _observer.EndAsync(_feeds.Open);
    }

    private Task WriteErrorAsync(ErrorInput error, CancellationToken token)
    {
        Metrics.Error(error.Code);
        return _writer.WriteAsync(ChatErrors.ToEvent(error.Code, error.Message, error.ClientMsgId, error.ConversationId), token);
    }

    private Task HandleAsync(SessionInput input, CancellationToken token) => input switch
    {
        PlainInput plain => _writer.WriteAsync(plain.Event, token),
        ErrorInput error => WriteErrorAsync(error, token),
        MessagesInput messages => _feeds.ReleaseAsync(messages, token),
        AcksInput acks => _feeds.AcknowledgeAsync(acks, token),
        GapCheckInput => FillGapsAsync(token),
        AttachInput attach => AttachAsync(attach, token),
        ResumedInput resumed => _feeds.CatchUpAsync(resumed.Result, null, token),
        EndedInput ended => _feeds.EndAsync(ended.Ended, token),
        NoteInput note => _feeds.NoteAsync(note.Note, token),
        RefreshInput => RefreshAsync(token),
        _ => Task.CompletedTask,
    };

    private async Task AttachAsync(AttachInput attach, CancellationToken token)
    {
        try
        {
            await _feeds.AttachAsync(attach, token);
        }
        catch (Exception ex) when (ErrorCodes.Of(ex) == ErrorCode.OutOfRange)
        {
            // A cursor of the agent's hello past the conversation's last seq: there is nothing to resume from.
            Stop(StreamEnds.OutOfRange(ex.Message));
        }
    }

    private Task FillGapsAsync(CancellationToken token)
    {
        _gapCheckPending = false;
        return _feeds.FillGapsAsync(token);
    }

    private async Task RefreshAsync(CancellationToken token)
    {
        var reachedAll = true;
        try
        {
            await _participant.BeforeRefreshAsync(this, token);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ServerLog.RefreshFailed(_logger, ex, ParticipantId);
            reachedAll = !ChatErrors.IsClusterHiccup(ex);
        }

        reachedAll &= await _feeds.ResubscribeAsync(token);
        if (reachedAll)
        {
            _refreshRetries = 0;
        }
        else if (_refreshRetries < RefreshRetryDelays.Length)
        {
            _ = Task.Delay(RefreshRetryDelays[_refreshRetries++], _stopping.Token).ContinueWith(_ => Post(new RefreshInput()),
                CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }

    private ITimer StartRefreshTimer(CancellationToken token) =>
        TimeProvider.System.CreateTimer(_ => { if (!token.IsCancellationRequested) { Post(new RefreshInput()); } },
            null, _options.ResubscribeInterval, _options.ResubscribeInterval);
}
