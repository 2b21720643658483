using SupportChat.Domain.Messages;
using static SupportChat.Storage.Tests.Samples;

namespace SupportChat.Storage.Tests;

/// <summary>Issue 21: private notes live in a table of their own, numbered on their own: they take no message seq and
/// count in no message count, and a retried write changes nothing.</summary>
public abstract partial class ChatStoreTests
{
    private static StoredNote Note(string conversationId, long noteSeq, long afterSeq, string clientMsgId, string text = "be kind") =>
        new(conversationId, noteSeq, afterSeq, $"note-{conversationId}-{noteSeq}", "ada-lovelace", "Ada Lovelace", text, clientMsgId,
            T0.AddMinutes(noteSeq));

    [Fact]
    public async Task AddNoteAsync_StoresNotesApartFromMessages_InNoteSeqOrder_AndARetryChangesNothing()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        await Store.AppendOneAsync(Message("c1", 1, "m1"), None);
        var first = Note("c1", 1, 1, "n1", "first note");
        var second = Note("c1", 2, 1, "n2", "second note");

        await Store.AddNoteAsync(first, None);
        await Store.AddNoteAsync(second, None);
        await Store.AddNoteAsync(first, None); // a retry of a write whose success was not heard
        await Store.AppendOneAsync(Message("c1", 2, "m2"), None);

        Assert.Equal([first, second], await Store.GetNotesAsync("c1", None));
        Assert.Equal([1L, 2L], (await Store.GetMessagesAsync("c1", 0, None)).Select(m => m.Seq)); // gapless, no note among them
        Assert.Equal(2, (await Store.GetConversationAsync("c1", None))!.MessageCount);
        Assert.Empty(await Store.GetNotesAsync("c2", None));
    }

    [Fact]
    public async Task Notes_survive_reopening_the_store()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        var note = Note("c1", 1, 0, "n1");
        await Store.AddNoteAsync(note, None);

        await ReopenAsync();

        Assert.Equal([note], await Store.GetNotesAsync("c1", None));
    }
}
