using SupportChat.Grains.Contracts;
using SupportChat.Server.Logging;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>
/// The object reference grains reach one stream through: created when the stream opens, kept alive while it is
/// open, and when it ends unsubscribed from the stream's conversations first and deleted a little later.
/// </summary>
internal sealed class ObserverLifetime
{
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(10);

    // Orleans holds observer objects weakly: without this field the garbage collector may take the observer
    // while the stream is open, and grains' notifications to it are silently dropped.
    private readonly IChatObserver _target;
    private readonly IChatGrains _grains;
    private readonly string _participantId;
    private readonly ILogger _logger;
    private readonly OpenSessions? _openSessions;

    public ObserverLifetime(IChatGrains grains, IChatObserver target, string participantId, ILogger logger, OpenSessions? openSessions = null)
    {
        _grains = grains;
        _target = target;
        _participantId = participantId;
        _logger = logger;
        _openSessions = openSessions;
        Reference = grains.CreateObserverReference(_target);
        openSessions?.ObserverCreated();
    }

    /// <summary>The reference grains use to reach the stream.</summary>
    public IChatObserver Reference { get; }

    /// <summary>The stream is over: leaves its conversations, then lets the reference go once notifications already
    /// on their way have arrived.</summary>
    public async Task EndAsync(IEnumerable<string> conversationIds)
    {
        // Unsubscribe first, so conversations stop sending to an observer that is about to vanish.
        foreach (var conversationId in conversationIds)
        {
            try
            {
                await _grains.Conversation(conversationId).Unsubscribe(_participantId, Reference);
            }
            catch (Exception ex)
            {
                ServerLog.CleanupFailed(_logger, ex, _participantId);
            }
        }

        // One-way notifications sent just before the unsubscribe may still be in flight; the observer ignores
        // them once the session is done, so keep it registered briefly rather than have them hit a missing target.
        _ = Task.Delay(Linger).ContinueWith(_ => Delete(), TaskScheduler.Default);
    }

    private void Delete()
    {
        try
        {
            _grains.DeleteObserverReference(Reference);
            _openSessions?.ObserverDeleted();
        }
        catch (Exception ex)
        {
            ServerLog.CleanupFailed(_logger, ex, _participantId);
        }
    }
}
