using Grpc.Core;
using SupportChat.Grains.Contracts;
using SupportChat.Protocol.V1;
using SupportChat.Server.Streams.Browser;
using SupportChat.Server.Streams.Sessions;
using SupportChat.Server.Tests.Support;
using EventCase = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.Server.Tests.Streams;

/// <summary>A browser call takes its own command's answer from the session: its error instead of the stream, its ack as
/// well as the stream; what is posted outside its scope, or after the command is done, is the stream's.</summary>
public sealed class BrowserRepliesTests
{
    [Fact]
    public async Task Errors_answer_their_calls_and_acks_answer_them_and_reach_the_stream()
    {
        await using var harness = new SessionHarness();
        var stored = Call("a");
        var refused = Call("b");
        var replies = new BrowserReplies([stored, refused], TimeProvider.System);

        await InScopeAsync(replies, () =>
        {
            harness.Session.Post(new AcksInput("c1", [new SendReceipt("c1", "a", 1, "m1", DateTimeOffset.UnixEpoch)]));
            harness.Session.Post(new ErrorInput(StatusCode.Unavailable, "held back: resend x first", "b", "c1"));
            harness.Session.Post(new ErrorInput(StatusCode.InvalidArgument, "not a call of this scope", "z", "c1"));
            return Task.CompletedTask;
        });
        replies.Finish();
        harness.Session.Post(new ErrorInput(StatusCode.OutOfRange, "outside any scope", ConversationId: "c1"));
        var events = await harness.DrainAsync();

        Assert.Equal(1, ((Ack)(await stored.Answer).Reply!).Seq);
        Assert.Equal((StatusCode.Unavailable, "held back: resend x first"), Describe((await refused.Answer).Refusal));
        Assert.Equal([EventCase.Ack, EventCase.Error, EventCase.Error], events.Select(e => e.EventCase));
        Assert.Equal(["not a call of this scope", "outside any scope"], events.Where(e => e.Error is not null).Select(e => e.Error.Message));
    }

    [Fact]
    public async Task A_late_answer_from_an_earlier_commands_flow_goes_to_the_stream_not_to_the_call_in_progress()
    {
        await using var harness = new SessionHarness();
        var read = new BrowserCall(new CustomerCommand { Read = new MarkRead { Seq = 3 } });
        var readReplies = new BrowserReplies([read], TimeProvider.System);
        var timerFired = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task? later = null;

        // As a coalesced read's timer does: made inside the read's flow, it fires while the next command is in progress.
        await InScopeAsync(readReplies, () =>
        {
            later = Task.Run(async () =>
            {
                await timerFired.Task;
                harness.Session.Post(new ErrorInput(StatusCode.FailedPrecondition, "conversation c1 has ended.", ConversationId: "c1"));
            });
            return Task.CompletedTask;
        });
        readReplies.Finish();
        var typing = new BrowserCall(new CustomerCommand { Typing = new Typing() });
        var typingReplies = new BrowserReplies([typing], TimeProvider.System);
        await InScopeAsync(typingReplies, async () =>
        {
            timerFired.SetResult();
            await later!.WithTimeout("the late notice");
        });
        typingReplies.Finish();
        var events = await harness.DrainAsync();

        Assert.IsType<BrowserDone>((await read.Answer).Reply);
        Assert.IsType<BrowserDone>((await typing.Answer).Reply);
        Assert.Equal("conversation c1 has ended.", Assert.Single(events).Error.Message);
    }

    private static BrowserCall Call(string clientMsgId) =>
        new(new CustomerCommand { Send = new SendMessage { ClientMsgId = clientMsgId, Text = "hi" } });

    private static (StatusCode, string) Describe(Status? status) => (status!.Value.StatusCode, status.Value.Detail);

    /// <summary>Runs <paramref name="commands"/> as the command loop does, inside the replies' async flow.</summary>
    private static async Task InScopeAsync(ICommandReplies replies, Func<Task> commands)
    {
        CommandReplies.Enter(replies);
        await Task.Yield();
        await commands();
    }
}
