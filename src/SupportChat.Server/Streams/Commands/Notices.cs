using Grpc.Core;
using SupportChat.Grains.Contracts;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Commands;

/// <summary>
/// One stream's typing and read notices, at most one of each per conversation per <see cref="Interval"/>: a typing
/// notice within it is dropped (the last one still shows), read notices within it are coalesced into one, with the
/// highest seq, sent when it ends. Nothing is queued, so a flood of notices costs the others nothing and this stream
/// two grain calls a second per conversation. Conversations the stream does not follow (which the conversation will
/// most likely refuse) share one allowance, and their notices beyond it are dropped.
/// </summary>
internal sealed class Notices(string participantId, TimeProvider time, ILogger logger)
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    // Beyond this many conversations' allowances, those of conversations the stream no longer follows are dropped.
    private const int MaxSlots = 256;
    private const string Elsewhere = "";

    private readonly Dictionary<string, NoticeSlot> _slots = new(StringComparer.Ordinal);

    public Task TypingAsync(ParticipantSession session, IConversationGrain conversation, string conversationId)
    {
        var slot = SlotOf(session, conversationId, out _);
        var now = time.GetTimestamp();
        lock (slot)
        {
            if (slot.TypingAt is { } last && time.GetElapsedTime(last, now) < Interval)
            {
                return Task.CompletedTask;
            }

            slot.TypingAt = now;
        }

        return CommandGuard.RunAsync(session, logger, conversationId, () => conversation.Signal(participantId, SignalKind.Typing, 0));
    }

    public Task ReadAsync(ParticipantSession session, IConversationGrain conversation, string conversationId, long seq)
    {
        if (seq < 1)
        {
            session.Post(new ErrorInput(StatusCode.OutOfRange,
                $"read seq {seq} is out of range for conversation {conversationId}: it must be from 1 to the conversation's last seq.",
                ConversationId: conversationId));
            return Task.CompletedTask;
        }

        var slot = SlotOf(session, conversationId, out var followed);
        var now = time.GetTimestamp();
        lock (slot)
        {
            var since = slot.ReadAt is { } last ? time.GetElapsedTime(last, now) : Interval;
            if (slot.PendingRead == 0 && since >= Interval)
            {
                slot.ReadAt = now;
            }
            else
            {
                // Within the interval: a followed conversation's read waits for its end (only the highest counts); one of
                // the shared allowance is dropped, since coalescing would mix conversations.
                if (followed && slot.PendingRead == 0)
                {
                    slot.ReadTimer = time.CreateTimer(_ => FlushRead(session, conversation, conversationId, slot), null, Interval - since,
                        Timeout.InfiniteTimeSpan);
                }

                slot.PendingRead = followed ? Math.Max(slot.PendingRead, seq) : 0;
                return Task.CompletedTask;
            }
        }

        return RelayReadAsync(session, conversation, conversationId, seq);
    }

    /// <summary>The interval is over: the highest read seq that came within it goes out.</summary>
    private void FlushRead(ParticipantSession session, IConversationGrain conversation, string conversationId, NoticeSlot slot)
    {
        long seq;
        lock (slot)
        {
            (seq, slot.PendingRead, slot.ReadAt) = (slot.PendingRead, 0, time.GetTimestamp());
            slot.ReadTimer?.Dispose();
            slot.ReadTimer = null;
        }

        // On a timer thread: the guard reports every expected failure to the stream; anything else is only logged.
        _ = RelayReadAsync(session, conversation, conversationId, seq).ContinueWith(static t => _ = t.Exception, CancellationToken.None,
            TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private Task RelayReadAsync(ParticipantSession session, IConversationGrain conversation, string conversationId, long seq) =>
        CommandGuard.RunAsync(session, logger, conversationId, () => conversation.Signal(participantId, SignalKind.Read, seq));

    private NoticeSlot SlotOf(ParticipantSession session, string conversationId, out bool followed)
    {
        // The command loop is the only caller: the dictionary needs no lock (a slot does, for the timer).
        followed = session.Follows(conversationId);
        var key = followed ? conversationId : Elsewhere;
        if (_slots.TryGetValue(key, out var slot))
        {
            return slot;
        }

        if (_slots.Count >= MaxSlots)
        {
            foreach (var (id, old) in _slots)
            {
                if (id != Elsewhere && !session.Follows(id) && old.PendingRead == 0)
                {
                    _slots.Remove(id);
                }
            }
        }

        return _slots[key] = new NoticeSlot();
    }

    /// <summary>When a conversation's last notices went out (timestamps), and a read waiting for its turn.</summary>
    private sealed class NoticeSlot
    {
        public long? TypingAt;
        public long? ReadAt;
        public long PendingRead;
        public ITimer? ReadTimer;
    }
}
