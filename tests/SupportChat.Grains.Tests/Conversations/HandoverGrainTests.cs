using SupportChat.Domain;
using SupportChat.Domain.Events;
using SupportChat.Grains.Board;
using SupportChat.Grains.Contracts;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Grains.Tests.Conversations;

/// <summary>Issue 21 in the grains: a note goes to agents only and takes no message seq; a handover to a named agent
/// writes its feed events in one save and still reports to the supervisor board; a refusal changes nothing.</summary>
[Collection(ClusterCollection.Name)]
public sealed class HandoverGrainTests(ClusterFixture fixture)
{
    [Fact]
    public async Task A_handover_moves_the_conversation_writes_its_events_and_reports_to_the_board()
    {
        var department = ClusterFixture.Unique("billing");
        var ada = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var customer = await fixture.JoinAsync("Bob", department);
        await ada.Events.WaitForAsync<AssignmentView>(what: "Ada's assignment");
        await customer.Events.WaitForAsync<AssignmentView>(what: "the customer's first assignment");
        var bill = await fixture.SignInAgentAsync(ClusterFixture.Unique("Bill"), 1, department);
        var board = new BoardRecorder(customer.ConversationId, bill.Id);
        await fixture.Client.GetGrain<ISupervisorBoardGrain>(ISupervisorBoardGrain.Key)
            .Subscribe(fixture.Client.CreateObjectReference<IBoardObserver>(board), [department]);

        var note = await customer.Grain.AddNote(ada.Id, "n-1", "VIP").Within("Ada's note");
        await customer.Grain.Handover(ada.Id, bill.Id, "be kind").Within("the handover");

        var taken = await bill.Events.WaitForAsync<AssignmentView>(what: "Bill's assignment");
        var told = await customer.Events.WaitForAsync<AssignmentView>(a => a.AgentId == bill.Id, "the customer's new assignment");
        await board.Moved.Task.WaitAsync(TaskTimeouts.Patience);
        Assert.Equal((0L, 1L), (note.AfterSeq, note.NoteSeq));
        Assert.Equal(("be kind", string.Empty), (taken.HandoverNote, told.HandoverNote));
        var events = fixture.Store.Events.Where(e => e.ConversationId == customer.ConversationId).ToList();
        var handed = events.Single(e => e.Kind == ChatEventKinds.ConversationTransferred);
        var assigned = events[events.IndexOf(handed) + 1];
        Assert.Equal((ada.Id, department), (handed.AgentId, handed.FromDepartment));
        Assert.Equal((ChatEventKinds.ConversationAssigned, bill.Id, handed.Cursor + 1), (assigned.Kind, assigned.AgentId, assigned.Cursor));
        Assert.DoesNotContain(customer.Events.Drain(), e => e is NoteView);
        var history = await customer.Grain.Subscribe(bill.Id, bill.Reference, 0);
        Assert.Equal(["VIP", "be kind"], history.Notes.Select(n => n.Text));
        Assert.Equal([1L], history.Backlog.Select(m => m.Seq)); // the system message only: notes took no seq
    }

    [Fact]
    public async Task A_refused_handover_leaves_the_conversation_with_its_agent()
    {
        var department = ClusterFixture.Unique("billing");
        var ada = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var customer = await fixture.JoinAsync("Bob", department);
        await ada.Events.WaitForAsync<AssignmentView>(what: "Ada's assignment");
        var away = await fixture.SignInAgentAsync(ClusterFixture.Unique("Away"), 1, department);
        await away.Grain.SetStatus(available: false, capacity: 0);

        var refused = await Assert.ThrowsAnyAsync<Exception>(() => customer.Grain.Handover(ada.Id, away.Id, "x"));
        var toSelf = await Assert.ThrowsAnyAsync<Exception>(() => customer.Grain.Handover(ada.Id, ada.Id, "x"));

        Assert.Equal(ErrorCode.FailedPrecondition, ErrorCodes.Of(refused));
        Assert.Equal(ErrorCode.InvalidArgument, ErrorCodes.Of(toSelf));
        Assert.True(await customer.Grain.IsAssignedTo(ada.Id));
        Assert.Empty((await away.Grain.GetSnapshot()).OpenConversations);
        Assert.DoesNotContain(fixture.Store.Events, e => e.ConversationId == customer.ConversationId && e.Kind == ChatEventKinds.ConversationTransferred);
    }

    /// <summary>Completes once the board shows the conversation with its new agent.</summary>
    private sealed class BoardRecorder(string conversationId, string agentId) : IBoardObserver
    {
        public TaskCompletionSource Moved { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnChanges(BoardChanges changes)
        {
            if (changes.Changes.Any(c => c.Conversation is { } row && row.ConversationId == conversationId && row.AgentId == agentId))
            {
                Moved.TrySetResult();
            }

            return Task.CompletedTask;
        }
    }
}
