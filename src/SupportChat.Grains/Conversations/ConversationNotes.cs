using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Conversations;

/// <summary>
/// A conversation's private notes (issue 21) as this activation knows them. Kept apart from <see cref="ConversationLog"/>
/// on purpose: a note takes no message seq (a customer's client would see a gap it can never fill) and is told to the
/// conversation's agents only. Its own note_seq numbers it; after_seq (the last message seq when written) places it.
/// </summary>
internal sealed class ConversationNotes(IChatStore store, TimeProvider time)
{
    public const int MaxLength = 2000;

    private readonly List<StoredNote> _notes = [];
    private readonly Dictionary<(string AuthorId, string ClientMsgId), StoredNote> _byClient = [];

    public IReadOnlyList<StoredNote> All => _notes;

    public async Task LoadAsync(string conversationId, CancellationToken cancellationToken)
    {
        foreach (var note in await store.GetNotesAsync(conversationId, cancellationToken))
        {
            Take(note);
        }
    }

    /// <summary>Stores a note placed after the conversation's last message, durable before it is taken in; a retry (the
    /// same author and client_msg_id) gets the stored one and writes nothing.</summary>
    public async Task<(StoredNote Note, bool Fresh)> AddAsync(Conversation conversation, string authorId, string authorName, string clientMsgId, string text)
    {
        if (_byClient.TryGetValue((authorId, clientMsgId), out var stored))
        {
            return (stored, false);
        }

        var note = new StoredNote(conversation.Id, _notes.Count + 1, conversation.LastSeq, Ids.NewMessageId(), authorId, authorName, text,
            clientMsgId, time.UtcNowMs());
        await store.AddNoteAsync(note, CancellationToken.None);
        Take(note);
        return (note, true);
    }

    /// <summary>For a stream catching up after <paramref name="afterSeq"/>: the notes placed at or after it. The one placed
    /// right at the cursor may be one the client has; it drops notes by note_id (docs/protocol.md).</summary>
    public IReadOnlyList<NoteView> From(long afterSeq) =>
        _notes.Where(n => n.AfterSeq >= afterSeq).Select(NoteView.Of).ToList();

    private void Take(StoredNote note)
    {
        _notes.Add(note);
        _byClient[(note.AuthorId, note.ClientMsgId)] = note;
    }
}
