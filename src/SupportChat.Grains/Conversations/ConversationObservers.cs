using SupportChat.Grains.Contracts;
using SupportChat.Grains.Observers;

namespace SupportChat.Grains.Conversations;

/// <summary>
/// The streams of a conversation's participants, one per participant id, and what they are told. Every call to an
/// observer is one-way: it completes once sent, so telling everyone never waits on anyone's network. A stream is
/// known by the reference it registered with (streams are compared by it), and told through what
/// <see cref="LocalObservers"/> resolves it to: the stream itself when it is on this node.
/// </summary>
internal sealed class ConversationObservers(LocalObservers? local = null)
{
    // Enumerated for every fan-out: its order (insertion, slots reused after removals) is the order streams are told in.
    private readonly Dictionary<string, Stream> _byParticipant = new(StringComparer.Ordinal);

    /// <summary>A newer stream of the same participant replaces the older one, which is returned (null when there was none,
    /// or it was this one registering again).</summary>
    public IChatObserver? Register(string participantId, IChatObserver observer)
    {
        _byParticipant.TryGetValue(participantId, out var older);
        Set(participantId, observer);
        return older is not null && !older.Reference.Equals(observer) ? older.Target : null;
    }

    /// <summary>Registers a stream again, unless another stream of the participant is registered: that one came later
    /// (streams replace others only when they start), so it stays, and this returns false.</summary>
    public bool RegisterAgain(string participantId, IChatObserver observer)
    {
        if (_byParticipant.TryGetValue(participantId, out var current) && !current.Reference.Equals(observer))
        {
            return false;
        }

        Set(participantId, observer);
        return true;
    }

    /// <summary>Forgets the stream only if it is still the one registered: a newer one may have come meanwhile.</summary>
    public bool Unregister(string participantId, IChatObserver observer)
    {
        if (_byParticipant.TryGetValue(participantId, out var current) && current.Reference.Equals(observer))
        {
            _byParticipant.Remove(participantId);
            return true;
        }

        return false;
    }

    public void Forget(string participantId) => _byParticipant.Remove(participantId);

    public bool IsConnected(string participantId) => _byParticipant.ContainsKey(participantId);

    /// <summary>Pings every stream in turn and hands each that does not answer to <paramref name="onLost"/>, which decides
    /// what its loss means. For after a node died: a one-way call to a stream that died with it vanishes without a word.</summary>
    public async Task ForEachLostAsync(Func<string, IChatObserver, Task> onLost)
    {
        foreach (var (participantId, stream) in _byParticipant.ToList())
        {
            if (!await ObserverLiveness.IsAliveAsync(stream.Target))
            {
                await onLost(participantId, stream.Reference);
            }
        }
    }

    /// <summary>What <see cref="TellMessagesAsync"/> tells the streams on this node, at once: they only queue. For the
    /// store's writer, while the grain awaits the append (nothing here changes meanwhile).</summary>
    public void TellLocalMessages(List<MessageView> messages)
    {
        foreach (var (participantId, stream) in _byParticipant)
        {
            if (stream.IsLocal && Theirs(participantId, messages) is { Count: > 0 } theirs)
            {
                _ = stream.Target.OnMessages(theirs); // completes at once: the stream only queues
            }
        }
    }

    /// <summary>Consecutive messages, in one notification per stream, each stream getting only those it did not send;
    /// <paramref name="remoteOnly"/> skips the streams on this node (told by <see cref="TellLocalMessages"/>).</summary>
    public async Task TellMessagesAsync(List<MessageView> messages, bool remoteOnly = false)
    {
        foreach (var (participantId, stream) in _byParticipant)
        {
            if (!(remoteOnly && stream.IsLocal) && Theirs(participantId, messages) is { Count: > 0 } theirs)
            {
                await stream.Target.OnMessages(theirs);
            }
        }
    }

    public async Task TellSignalAsync(string fromParticipantId, SignalView signal)
    {
        foreach (var (participantId, stream) in _byParticipant)
        {
            if (participantId != fromParticipantId)
            {
                await stream.Target.OnSignal(signal);
            }
        }
    }

    /// <summary>Issue 21: a private note, to every stream but the customer's (and its writer's, which has it as its
    /// answer). The customer is skipped by id here, not trusted to ignore it.</summary>
    public async Task TellNoteAsync(string customerId, string writerId, NoteView note)
    {
        foreach (var (participantId, stream) in _byParticipant)
        {
            if (participantId != customerId && participantId != writerId)
            {
                await stream.Target.OnNote(note);
            }
        }
    }

    public Task TellAssignedAsync(string participantId, AssignmentView assignment) =>
        _byParticipant.TryGetValue(participantId, out var stream) ? stream.Target.OnAssigned(assignment) : Task.CompletedTask;

    public Task TellQueuedAsync(string participantId, QueuePositionView position) =>
        _byParticipant.TryGetValue(participantId, out var stream) ? stream.Target.OnQueued(position) : Task.CompletedTask;

    /// <summary>Tells every stream that the conversation ended and forgets them all: nothing more will come.</summary>
    public async Task EndAllAsync(EndedView ended)
    {
        foreach (var stream in _byParticipant.Values)
        {
            await stream.Target.OnEnded(ended);
        }

        _byParticipant.Clear();
    }

    /// <summary>Forgets one participant's stream and tells it why (an agent the conversation was taken from).</summary>
    public Task DetachAsync(string participantId, EndedView notice) =>
        _byParticipant.Remove(participantId, out var stream) ? stream.Target.OnEnded(notice) : Task.CompletedTask;

    /// <summary>Resolved once per registration, not per message; the same stream registering again keeps what it had.</summary>
    private void Set(string participantId, IChatObserver observer)
    {
        if (!(_byParticipant.TryGetValue(participantId, out var current) && current.Reference.Equals(observer)))
        {
            _byParticipant[participantId] = new Stream(observer, local?.Resolve(observer) ?? observer);
        }
    }

    /// <summary>The messages <paramref name="participantId"/> did not send: the same list (immutable once told) when it
    /// sent none of them, else a copy without its own.</summary>
    private static List<MessageView> Theirs(string participantId, List<MessageView> messages) =>
        messages.TrueForAll(m => m.SenderId != participantId) ? messages : messages.FindAll(m => m.SenderId != participantId);

    /// <summary>A registered stream: the reference it registered with, and what is called to tell it.</summary>
    private sealed record Stream(IChatObserver Reference, IChatObserver Target)
    {
        public bool IsLocal => Target is LocalObserver;
    }
}
