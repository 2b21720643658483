using SupportChat.Server.Streams.Commands;
using SupportChat.Server.Tests.Fakes;
using SupportChat.Server.Tests.Support;

namespace SupportChat.Server.Tests.Streams;

public sealed class CommandBatchesTests
{
    private static bool IsSend(string command) => command.StartsWith("send", StringComparison.Ordinal);

    [Fact]
    public async Task WaitingSends_ComeAsOneRun_AndEveryOtherCommandAlone()
    {
        var requests = Feed("send1", "send2", "send3", "typing", "end", "send4");

        var runs = await ReadAllAsync(requests, maxBatch: 256);

        Assert.Equal([["send1", "send2", "send3"], ["typing"], ["end"], ["send4"]], runs);
    }

    [Fact]
    public async Task Runs_AreNoLongerThanTheLimit()
    {
        var requests = Feed("send1", "send2", "send3", "send4", "send5");

        var runs = await ReadAllAsync(requests, maxBatch: 2);

        Assert.Equal([["send1", "send2"], ["send3", "send4"], ["send5"]], runs);
    }

    [Fact]
    public async Task FailedRequestStream_RethrowsItsOriginalException_AfterWhatCameBefore()
    {
        var requests = new TestAsyncStreamReader<string>();
        requests.Add("send1");
        requests.Add("typing");
        var failure = new IOException("the request stream broke");
        requests.Fail(failure);
        var runs = new List<IReadOnlyList<string>>();

        var thrown = await Assert.ThrowsAsync<IOException>(() => CollectAsync(requests, 256, runs).WithTimeout("the request stream's failure"));

        Assert.Same(failure, thrown);
        Assert.Equal([["send1"], ["typing"]], runs);
    }

    [Fact]
    public async Task ConsumerThatStops_StopsTheReadAhead_BeforeItReturns()
    {
        var requests = new TestAsyncStreamReader<string>();
        requests.Add("typing");
        IReadOnlyList<string>? first = null;

        await ConsumeFirstAsync().WithTimeout("the first run");

        Assert.Equal(["typing"], first);
        Assert.False(requests.IsBeingRead);
        requests.Add("send1");
        Assert.Equal(1, requests.Unread);

        async Task ConsumeFirstAsync()
        {
            await foreach (var run in CommandBatches.ReadAsync(requests, IsSend, 256, CancellationToken.None))
            {
                first = run;
                break;
            }
        }
    }

    [Fact]
    public async Task CancelledConsumer_StopsTheReadAhead()
    {
        var requests = new TestAsyncStreamReader<string>();
        requests.Add("typing");
        using var stop = new CancellationTokenSource();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ConsumeUntilCancelledAsync().WithTimeout("the reader to stop once cancelled"));

        Assert.False(requests.IsBeingRead);

        async Task ConsumeUntilCancelledAsync()
        {
            await foreach (var _ in CommandBatches.ReadAsync(requests, IsSend, 256, stop.Token))
            {
                await stop.CancelAsync();
            }
        }
    }

    private static TestAsyncStreamReader<string> Feed(params string[] commands)
    {
        var requests = new TestAsyncStreamReader<string>();
        foreach (var command in commands)
        {
            requests.Add(command);
        }

        requests.Complete();
        return requests;
    }

    private static async Task<List<IReadOnlyList<string>>> ReadAllAsync(TestAsyncStreamReader<string> requests, int maxBatch)
    {
        var runs = new List<IReadOnlyList<string>>();
        await CollectAsync(requests, maxBatch, runs).WithTimeout("every run of the request stream");
        return runs;
    }

    private static async Task CollectAsync(TestAsyncStreamReader<string> requests, int maxBatch, List<IReadOnlyList<string>> runs)
    {
        await foreach (var run in CommandBatches.ReadAsync(requests, IsSend, maxBatch, CancellationToken.None))
        {
            runs.Add(run);
        }
    }
}
