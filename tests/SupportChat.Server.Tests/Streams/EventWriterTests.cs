using SupportChat.Protocol.V1;
using SupportChat.Server.Streams.Sessions;
using SupportChat.Server.Tests.Fakes;
using SupportChat.Server.Tests.Support;

namespace SupportChat.Server.Tests.Streams;

public sealed class EventWriterTests
{
    [Fact]
    public async Task Burst_WithoutBatches_IsOneFrameEach_AndOneFlushAtTheEnd()
    {
        var responses = new TestServerStreamWriter();
        var writer = new EventWriter(responses, batches: false);

        await WriteBurstAsync(writer, 3).WithTimeout("a burst of 3 to be written");

        var frames = ReadAll(responses);
        Assert.Equal([1, 2, 3], frames.Select(f => Seq(f.Event)));
        Assert.Equal([false, false, true], frames.Select(f => f.Flushed));
    }

    [Fact]
    public async Task Burst_ForAClientThatTakesBatches_IsOneBatchFrame_InOrder()
    {
        var responses = new TestServerStreamWriter();
        var writer = new EventWriter(responses, batches: true);

        await WriteBurstAsync(writer, 3).WithTimeout("a burst of 3 to be written");

        var frame = Assert.Single(ReadAll(responses));
        Assert.True(frame.Flushed);
        Assert.Equal([1, 2, 3], frame.Event.Batch.Events.Select(Seq));
    }

    [Fact]
    public async Task Batch_HoldsAtMost64Events_AndTheBurstStillFlushesOnce()
    {
        var responses = new TestServerStreamWriter();
        var writer = new EventWriter(responses, batches: true);

        await WriteBurstAsync(writer, 130).WithTimeout("a burst of 130 to be written");

        var frames = ReadAll(responses);
        Assert.Equal([64, 64, 2], frames.Select(f => f.Event.Batch.Events.Count));
        Assert.Equal([false, false, true], frames.Select(f => f.Flushed));
        Assert.Equal(Enumerable.Range(1, 130).Select(i => (long)i), frames.SelectMany(f => f.Event.Batch.Events).Select(Seq));
    }

    [Fact]
    public async Task AnEventAloneInItsBurst_GoesOutAsItself_EvenForAClientThatTakesBatches()
    {
        var responses = new TestServerStreamWriter();
        var writer = new EventWriter(responses, batches: true);

        await WriteBurstAsync(writer, 1).WithTimeout("a burst of 1 to be written");
        await WriteBurstAsync(writer, 2, firstSeq: 2).WithTimeout("a burst of 2 to be written");

        var frames = ReadAll(responses);
        Assert.Equal(ServerEvent.EventOneofCase.Message, frames[0].Event.EventCase);
        Assert.Equal(ServerEvent.EventOneofCase.Batch, frames[1].Event.EventCase);
        Assert.Equal([true, true], frames.Select(f => f.Flushed));
    }

    [Fact]
    public async Task EndOfABurstWithNothingWaiting_WritesNothing()
    {
        var responses = new TestServerStreamWriter();
        var writer = new EventWriter(responses, batches: true);

        await writer.EndBurstAsync(CancellationToken.None).WithTimeout("the end of an empty burst");

        Assert.Empty(ReadAll(responses));
    }

    private static async Task WriteBurstAsync(EventWriter writer, int count, int firstSeq = 1)
    {
        for (var seq = firstSeq; seq < firstSeq + count; seq++)
        {
            await writer.WriteAsync(new ServerEvent { Message = new ChatMessage { Seq = seq } }, CancellationToken.None);
        }

        await writer.EndBurstAsync(CancellationToken.None);
    }

    private static List<WrittenFrame> ReadAll(TestServerStreamWriter responses)
    {
        var frames = new List<WrittenFrame>();
        while (responses.Frames.TryRead(out var frame))
        {
            frames.Add(frame);
        }

        return frames;
    }

    private static long Seq(ServerEvent e) => e.Message.Seq;
}
