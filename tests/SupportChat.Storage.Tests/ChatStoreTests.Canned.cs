using SupportChat.Domain.Canned;

namespace SupportChat.Storage.Tests;

/// <summary>The canned replies, on both stores.</summary>
public abstract partial class ChatStoreTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Canned_replies_are_listed_in_ordinal_shortcut_order_with_their_text_as_saved()
    {
        Assert.Empty(await Store.ListCannedRepliesAsync(None));

        Assert.False(await Store.SaveCannedReplyAsync(new CannedReply("refund", "Refunds take 5 days.\nAnything else?"), Noon, None));
        Assert.False(await Store.SaveCannedReplyAsync(new CannedReply("Hello", "Hi {customer}, {agent} here."), Noon, None));
        Assert.False(await Store.SaveCannedReplyAsync(new CannedReply("bye_now", "Bye {customer} ✓"), Noon, None));

        // Ordinal: upper case before lower case, whatever the database's collation would say.
        Assert.Equal(
            [new CannedReply("Hello", "Hi {customer}, {agent} here."), new CannedReply("bye_now", "Bye {customer} ✓"),
             new CannedReply("refund", "Refunds take 5 days.\nAnything else?")],
            await Store.ListCannedRepliesAsync(None));
    }

    [Fact]
    public async Task Saving_a_canned_reply_with_a_known_shortcut_replaces_its_text_and_says_so()
    {
        await Store.SaveCannedReplyAsync(new CannedReply("hello", "Hi"), Noon, None);

        Assert.True(await Store.SaveCannedReplyAsync(new CannedReply("hello", "Hello {customer}"), Noon.AddMinutes(1), None));

        Assert.Equal([new CannedReply("hello", "Hello {customer}")], await Store.ListCannedRepliesAsync(None));
    }

    [Fact]
    public async Task Removing_a_canned_reply_says_whether_there_was_one()
    {
        await Store.SaveCannedReplyAsync(new CannedReply("hello", "Hi"), Noon, None);
        await Store.SaveCannedReplyAsync(new CannedReply("bye", "Bye"), Noon, None);

        Assert.True(await Store.RemoveCannedReplyAsync("hello", None));
        Assert.False(await Store.RemoveCannedReplyAsync("hello", None));
        Assert.False(await Store.RemoveCannedReplyAsync("HELLO", None));

        Assert.Equal([new CannedReply("bye", "Bye")], await Store.ListCannedRepliesAsync(None));
    }

    [Fact]
    public async Task Canned_replies_outlive_the_store_that_saved_them()
    {
        await Store.SaveCannedReplyAsync(new CannedReply("hello", "Hi {customer}"), Noon, None);

        await ReopenAsync();

        Assert.Equal([new CannedReply("hello", "Hi {customer}")], await Store.ListCannedRepliesAsync(None));
    }
}
