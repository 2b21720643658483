using SupportChat.Domain.Messages;
using SupportChat.Domain.Persistence;
using static SupportChat.Storage.Tests.Samples;

namespace SupportChat.Storage.Tests;

/// <summary>What a unit that finds one of its seqs taken leaves behind, on both databases: none of its rows. A row of
/// it left after the taken one would be read back ahead of the retried ones, out of the sender's order.</summary>
public abstract partial class ChatStoreTests
{
    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public async Task AppendAsync_TakenSeqAnywhereInAUnit_WritesNoneOfTheUnit(long taken)
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        var first = await Store.AppendOneAsync(Message("c1", 1, "first"), None);
        var theirs = await Store.AppendOneAsync(Message("c1", taken, "theirs", senderId: "another-node"), None);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.AppendAsync(Unit("c1", 2, 3, 4), None));

        Assert.Equal([first, theirs], await Store.GetMessagesAsync("c1", 0, None));
    }

    [Fact]
    public async Task AppendAsync_ConflictingUnitsInAGroupCommit_LeaveNoneOfTheirRowsAndTheOthersWhole()
    {
        foreach (var id in new[] { "c1", "c2", "c3" })
        {
            await Store.SaveConversationAsync(Conversation(id), None);
        }

        var taken = new[] { await Store.AppendOneAsync(Message("c1", 3, "theirs"), None), await Store.AppendOneAsync(Message("c3", 2, "theirs"), None) };
        var gate = HoldFirstCommit();
        var blocker = Store.SaveConversationAsync(Conversation("c4"), None);
        var held = await gate.NextAsync("the commit that holds the writer");

        // In one transaction: c1's unit conflicts in its middle, c2's goes in, c3's conflicts in its last row.
        var fine = Unit("c2", 1, 2, 3);
        var conflicting = new[] { Store.AppendAsync(Unit("c1", 1, 2, 3, 4), None), Store.AppendAsync(Unit("c3", 1, 2), None) };
        var accepted = Store.AppendAsync(fine, None);
        held.Release();

        foreach (var unit in conflicting)
        {
            await Assert.ThrowsAsync<StoreConflictException>(() => unit.WithTimeout("a conflicting unit's failure"));
        }

        await Task.WhenAll(blocker, accepted).WithTimeout("the other unit's acknowledgement");
        Assert.Equal(3, gate.Batches[1].Length);
        Assert.Equal([taken[0]], await Store.GetMessagesAsync("c1", 0, None));
        Assert.Equal(fine, await Store.GetMessagesAsync("c2", 0, None));
        Assert.Equal([taken[1]], await Store.GetMessagesAsync("c3", 0, None));
    }

    [Fact]
    public async Task AppendAsync_TheSameUnitAgain_ConflictsAndLeavesTheFirstWhole()
    {
        // A caller that retries the very rows it wrote (same message ids) must not lose them to the undo of the retry.
        await Store.SaveConversationAsync(Conversation("c1"), None);
        var unit = Unit("c1", 1, 2, 3);
        await Store.AppendAsync(unit, None);

        await Assert.ThrowsAsync<StoreConflictException>(() => Store.AppendAsync(unit, None));
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.AppendAsync([.. unit, Message("c1", 4, "next")], None));

        Assert.Equal(unit, await Store.GetMessagesAsync("c1", 0, None));
    }

    [Fact]
    public async Task AppendAsync_AfterAConflictingUnit_ItsSeqsAreFreeForTheRetry()
    {
        await Store.SaveConversationAsync(Conversation("c1"), None);
        var theirs = await Store.AppendOneAsync(Message("c1", 1, "theirs"), None);
        await Assert.ThrowsAsync<StoreConflictException>(() => Store.AppendAsync(Unit("c1", 1, 2, 3), None));

        StoredMessage[] retried = [Message("c1", 2, "m1"), Message("c1", 3, "m2"), Message("c1", 4, "m3")];
        await Store.AppendAsync(retried, None);

        Assert.Equal([theirs, .. retried], await Store.GetMessagesAsync("c1", 0, None));
    }
}
