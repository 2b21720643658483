using SupportChat.Grains.Board;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Tests.Board;

/// <summary>
/// A row that a message changed (who waits for an answer) reaches the board with the node's next batch, in the order
/// of the conversation's changes: the customer writes (unanswered), the agent answers (answered again).
/// </summary>
[Collection(ClusterCollection.Name)]
public sealed class BoardReportsTests(ClusterFixture fixture)
{
    [Fact]
    public async Task Who_waits_for_an_answer_reaches_the_board_after_each_message_that_flips_it()
    {
        var department = ClusterFixture.Unique("sales");
        var ada = await fixture.SignInAgentAsync(ClusterFixture.Unique("Ada"), 1, department);
        var customer = await fixture.JoinAsync("Bob", department);
        await ada.Events.WaitForAsync<AssignmentView>(what: "Ada's assignment");
        var board = new UnansweredRecorder(customer.ConversationId);
        await fixture.Client.GetGrain<ISupervisorBoardGrain>(ISupervisorBoardGrain.Key)
            .Subscribe(fixture.Client.CreateObjectReference<IBoardObserver>(board), [department]);

        await customer.Grain.Send(customer.CustomerId, "m-1", "hello?").Within("the customer's message");
        await board.Unanswered.Task.WaitAsync(TaskTimeouts.Patience);
        await customer.Grain.Send(ada.Id, "m-2", "hi Bob").Within("Ada's answer");
        await board.Answered.Task.WaitAsync(TaskTimeouts.Patience);
    }

    private sealed class UnansweredRecorder(string conversationId) : IBoardObserver
    {
        public TaskCompletionSource Unanswered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public TaskCompletionSource Answered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task OnChanges(BoardChanges changes)
        {
            foreach (var row in changes.Changes.Select(c => c.Conversation).OfType<ConversationBoardRow>().Where(r => r.ConversationId == conversationId))
            {
                if (row.UnansweredSince is not null)
                {
                    Unanswered.TrySetResult();
                }
                else if (Unanswered.Task.IsCompleted)
                {
                    Answered.TrySetResult();
                }
            }

            return Task.CompletedTask;
        }
    }
}
