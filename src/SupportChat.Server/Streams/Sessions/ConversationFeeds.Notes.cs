using System.Collections.Concurrent;
using SupportChat.Grains.Contracts;
using SupportChat.Server.Mapping;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>
/// Issue 21: private notes on an agent's stream, in their place among the messages. A note takes no message seq, so it
/// does not go through the seq gate: it is written once every message up to its after_seq has been, and never on a
/// stream that does not see notes (a customer's), whatever reaches it. Each note goes out once per stream (by note id):
/// a resume or a refresh hands back the notes placed at the cursor again.
/// </summary>
internal sealed partial class ConversationFeeds
{
    // Per conversation, the note ids written on this stream; forgotten when the conversation ends here, so that one taken
    // over again afresh replays its notes with its messages. Only the writer loop touches the sets.
    private readonly ConcurrentDictionary<string, HashSet<string>> _notesWritten = new(StringComparer.Ordinal);

    /// <summary>Set for an agent's stream only.</summary>
    public bool SeesNotes { get; init; }

    /// <summary>A live note: after the messages before it (read from the conversation if one is still missing).</summary>
    public async Task NoteAsync(NoteView note, CancellationToken token)
    {
        if (!SeesNotes || !_gates.TryGetValue(note.ConversationId, out var gate))
        {
            return;
        }

        if (gate.Delivered < note.AfterSeq)
        {
            await FillGapAsync(note.ConversationId, gate, token);
        }

        await WriteNoteAsync(note, token);
    }

    /// <summary>Catch-up messages and notes interleaved: each note right after the message it was written after.</summary>
    private async Task OfferWithNotesAsync(string conversationId, IReadOnlyList<MessageView> backlog, IReadOnlyList<NoteView> notes,
        CancellationToken token)
    {
        var gate = _gates[conversationId];
        var next = 0;
        foreach (var message in backlog)
        {
            next = await WriteNotesUpToAsync(notes, next, gate.Delivered, token);
            gate.Offer(message.Seq, EventMapper.Message(message), _ready);
            await FlushReadyAsync(token);
        }

        await WriteNotesUpToAsync(notes, next, long.MaxValue, token);
    }

    private async Task<int> WriteNotesUpToAsync(IReadOnlyList<NoteView> notes, int next, long deliveredSeq, CancellationToken token)
    {
        while (SeesNotes && next < notes.Count && notes[next].AfterSeq <= deliveredSeq)
        {
            await WriteNoteAsync(notes[next++], token);
        }

        return next;
    }

    private Task WriteNoteAsync(NoteView note, CancellationToken token) =>
        _notesWritten.GetOrAdd(note.ConversationId, _ => new HashSet<string>(StringComparer.Ordinal)).Add(note.NoteId)
            ? writer.WriteAsync(EventMapper.Note(note), token)
            : Task.CompletedTask;

    private void ForgetNotes(string conversationId) => _notesWritten.TryRemove(conversationId, out _);
}
