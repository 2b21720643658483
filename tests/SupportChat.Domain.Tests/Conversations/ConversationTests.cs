using SupportChat.Domain.Conversations;
using SupportChat.Domain.Messages;

namespace SupportChat.Domain.Tests.Conversations;

public sealed class ConversationTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 9, 0, 0, TimeSpan.Zero);

    private static Conversation Open() => Conversation.Open("c1", "cust", "Bob", "general", T0);

    private static StoredMessage Message(Conversation c, string senderId, string clientMsgId, SenderRole from = SenderRole.Customer) =>
        new(c.Id, c.PeekNextSeq(), "m" + c.PeekNextSeq(), from, senderId, senderId, "text", clientMsgId, T0);

    [Fact]
    public void A_new_conversation_is_queued_with_no_agent_and_no_messages()
    {
        var c = Open();
        Assert.Equal((ConversationStatus.Queued, null, 0L, T0), (c.Status, c.AgentId, c.LastSeq, c.QueuedAt));
        Assert.True(c.IsParticipant("cust"));
        Assert.False(c.IsParticipant("ada"));
    }

    [Fact]
    public void Only_the_customer_and_the_assigned_agent_may_write()
    {
        var c = Open();
        c.Assign("ada", "Ada");

        Assert.Equal(SenderRole.Customer, c.AuthorizeSend("cust"));
        Assert.Equal(SenderRole.Agent, c.AuthorizeSend("ada"));
        Assert.Equal(ErrorCode.PermissionDenied, Assert.Throws<ChatException>(() => c.AuthorizeSend("mallory")).Code);
    }

    [Fact]
    public void After_a_transfer_the_old_agent_may_no_longer_write_and_both_agents_are_remembered()
    {
        var c = Open();
        c.Assign("ada", "Ada");
        c.Requeue("billing");
        Assert.Equal((ConversationStatus.Queued, "billing", null), (c.Status, c.Department, c.AgentId));
        Assert.Equal(ErrorCode.PermissionDenied, Assert.Throws<ChatException>(() => c.AuthorizeSend("ada")).Code);

        c.Assign("bill", "Bill");
        Assert.Equal(["Ada", "Bill"], c.Agents);
        Assert.Equal(SenderRole.Agent, c.AuthorizeSend("bill"));
    }

    [Fact]
    public void An_ended_conversation_refuses_sends_assignment_transfer_and_a_second_end()
    {
        var c = Open();
        c.Assign("ada", "Ada");
        c.End(EndedBy.Agent, T0.AddMinutes(1));

        Assert.Equal((ConversationStatus.Ended, EndedBy.Agent, T0.AddMinutes(1)), (c.Status, c.EndedBy, c.EndedAt));
        Assert.Equal(ErrorCode.FailedPrecondition, Assert.Throws<ChatException>(() => c.AuthorizeSend("cust")).Code);
        Assert.Equal(ErrorCode.FailedPrecondition, Assert.Throws<ChatException>(() => c.Assign("bill", "Bill")).Code);
        Assert.Equal(ErrorCode.FailedPrecondition, Assert.Throws<ChatException>(() => c.Requeue("billing")).Code);
        Assert.Equal(ErrorCode.FailedPrecondition, Assert.Throws<ChatException>(() => c.End(EndedBy.Customer, T0)).Code);
    }

    [Fact]
    public void Seqs_are_gapless_and_a_repeated_client_msg_id_finds_the_original()
    {
        var c = Open();
        c.Appended(Message(c, "cust", "k1"));
        c.Appended(Message(c, "cust", "k2"));

        Assert.Equal(2, c.LastSeq);
        Assert.Equal(1, c.FindSent("cust", "k1"));
        Assert.Null(c.FindSent("ada", "k1")); // the key is per sender
        Assert.Null(c.FindSent("cust", "k3"));
        var gap = new StoredMessage(c.Id, 5, "m5", SenderRole.Customer, "cust", "Bob", "x", "k5", T0);
        Assert.Throws<InvalidOperationException>(() => c.Appended(gap));
    }

    [Fact]
    public void Restore_rebuilds_status_agents_last_seq_and_the_sent_keys()
    {
        var record = new ConversationRecord("c1", "cust", "Bob", "billing", ConversationStatus.Active, "bill", "Bill", ["Ada", "Bill"],
            T0, null, null, 2);
        var messages = new[]
        {
            new StoredMessage("c1", 1, "m1", SenderRole.Customer, "cust", "Bob", "hi", "k1", T0),
            new StoredMessage("c1", 2, "m2", SenderRole.Agent, "bill", "Bill", "hello", "k2", T0),
        };

        var c = Conversation.Restore(record, messages);

        Assert.Equal((ConversationStatus.Active, "bill", 2L, 3L), (c.Status, c.AgentId, c.LastSeq, c.PeekNextSeq()));
        Assert.Equal(2, c.FindSent("bill", "k2"));
        Assert.Equal(record with { Agents = c.Agents }, c.ToRecord() with { Agents = c.Agents });
        Assert.Equal(["Ada", "Bill"], c.ToRecord().Agents);
    }
}
