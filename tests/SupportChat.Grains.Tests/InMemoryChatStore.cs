using System.Collections.Concurrent;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Events;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;

namespace SupportChat.Grains.Tests;

/// <summary>A store that keeps everything in memory, with the same uniqueness rules as the real one.</summary>
internal sealed class InMemoryChatStore : IChatStore
{
    private readonly ConcurrentDictionary<string, ConversationRecord> _conversations = new();
    private readonly ConcurrentDictionary<string, int> _conversationReads = new();
    private readonly List<StoredMessage> _messages = [];
    private readonly List<ChatEvent> _events = [];
    private readonly List<StoredNote> _notes = [];
    private readonly Lock _gate = new();

    public Task InitializeAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SaveConversationAsync(ConversationRecord conversation, CancellationToken cancellationToken) =>
        SaveConversationAsync(conversation, [], cancellationToken);

    public Task SaveConversationAsync(ConversationRecord conversation, IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _conversations[conversation.Id] = conversation;
            AddEvents(events);
        }

        return Task.CompletedTask;
    }

    public Task AddNoteAsync(StoredNote note, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_notes.Any(n => n.ConversationId == note.ConversationId && n.NoteSeq == note.NoteSeq))
            {
                _notes.Add(note);
            }
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<StoredNote>> GetNotesAsync(string conversationId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredNote> result = _notes.Where(n => n.ConversationId == conversationId).OrderBy(n => n.NoteSeq).ToList();
            return Task.FromResult(result);
        }
    }

    public Task RecordEventsAsync(IReadOnlyList<ChatEvent> events, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            AddEvents(events);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ChatEvent>> ReadEventsAsync(long afterCursor, int limit, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<ChatEvent> result = _events.Where(e => e.Cursor > afterCursor).Take(limit).ToList();
            return Task.FromResult(result);
        }
    }

    /// <summary>Every event stored so far, in cursor order.</summary>
    public IReadOnlyList<ChatEvent> Events
    {
        get
        {
            lock (_gate)
            {
                return [.. _events];
            }
        }
    }

    private void AddEvents(IReadOnlyList<ChatEvent> events)
    {
        foreach (var e in events)
        {
            _events.Add(e with { Cursor = _events.Count + 1 });
        }
    }

    /// <summary>As the real stores: the unit's messages go in order, all or none; a taken (conversation, seq) fails the
    /// unit and leaves none of it written.</summary>
    public Task AppendAsync(IReadOnlyList<StoredMessage> messages, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            foreach (var message in messages)
            {
                if (_messages.Any(m => m.ConversationId == message.ConversationId && m.Seq == message.Seq))
                {
                    return Task.FromException(new StoreConflictException($"seq {message.Seq} is taken"));
                }
            }

            _messages.AddRange(messages);
            return Task.CompletedTask;
        }
    }

    public Task<ConversationRecord?> GetConversationAsync(string conversationId, CancellationToken cancellationToken)
    {
        _conversationReads.AddOrUpdate(conversationId, 1, (_, n) => n + 1);
        return Task.FromResult(_conversations.TryGetValue(conversationId, out var c) ? c with { MessageCount = Count(c.Id) } : null);
    }

    /// <summary>How many times the conversation's row was asked for.</summary>
    public int ConversationReads(string conversationId) => _conversationReads.GetValueOrDefault(conversationId);

    public Task<IReadOnlyList<StoredMessage>> GetMessagesAsync(string conversationId, long afterSeq, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<StoredMessage> result = _messages.Where(m => m.ConversationId == conversationId && m.Seq > afterSeq).OrderBy(m => m.Seq).ToList();
            return Task.FromResult(result);
        }
    }

    public Task<IReadOnlyList<ConversationRecord>> ListConversationsAsync(int limit, CancellationToken cancellationToken)
    {
        var all = _conversations.Values.OrderByDescending(c => c.StartedAt).Select(c => c with { MessageCount = Count(c.Id) });
        IReadOnlyList<ConversationRecord> result = (limit > 0 ? all.Take(limit) : all).ToList();
        return Task.FromResult(result);
    }

    public Task RateAsync(string conversationId, ConversationRating rating, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var rated = _conversations[conversationId] with { Rating = rating };
            _conversations[conversationId] = rated;
            AddEvents([ConversationEvents.Rated(rated, rating)]);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ConversationRecord>> ListOpenConversationsAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ConversationRecord> result = _conversations.Values.Where(c => c.Status != ConversationStatus.Ended).OrderBy(c => c.StartedAt).ToList();
        return Task.FromResult(result);
    }

    public int MessageRows(string conversationId)
    {
        lock (_gate)
        {
            return _messages.Count(m => m.ConversationId == conversationId);
        }
    }

    private int Count(string conversationId) => MessageRows(conversationId);
}
