using SupportChat.Client.Delivery;
using SupportChat.Client.Events;
using SupportChat.Client.Sessions;
using SupportChat.Client.Tests.Fakes;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Tests.Delivery;

public sealed class SendPipelineTests : IAsyncLifetime
{
    private readonly FakeTime _time = new();
    private readonly PendingSends _pending = new();
    private readonly SendPipeline<CustomerCommand> _sends;
    private readonly CancellationTokenSource _stream = new();
    private readonly List<Task> _writers = [];

    public SendPipelineTests() =>
        _sends = new SendPipeline<CustomerCommand>(new CustomerRole(new CustomerJoin("Bob"), new ResumeState()), _pending, _time);

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        await _stream.CancelAsync();
        await Task.WhenAll(_writers).Within("the writers to stop");
        _stream.Dispose();
    }

    [Fact]
    public async Task Commands_are_written_in_the_order_they_were_queued()
    {
        var requests = new FakeRequestStream<CustomerCommand>(_time);
        StartWriter(requests);
        var one = await _sends.QueueSendAsync(null, "one", CancellationToken.None);
        await _sends.QueueAsync(new() { Typing = new() }, CancellationToken.None);
        var two = await _sends.QueueSendAsync(null, "two", CancellationToken.None);
        await _sends.QueueAsync(new() { Read = new() { Seq = 4 } }, CancellationToken.None);
        _sends.CompleteOutbox();

        Assert.NotNull((await requests.NextAsync("the hello")).Hello);
        Assert.Equal(one.ClientMsgId, (await requests.NextAsync("send one")).Send.ClientMsgId);
        Assert.NotNull((await requests.NextAsync("typing")).Typing);
        Assert.Equal(two.ClientMsgId, (await requests.NextAsync("send two")).Send.ClientMsgId);
        Assert.Equal(4, (await requests.NextAsync("read")).Read.Seq);
        await requests.Completed.Within("the request stream to complete after the outbox");
        await _writers[0].Within("the writer to end");
    }

    [Fact]
    public async Task Unacknowledged_sends_go_out_again_first_on_the_next_stream_once_the_server_accepts_it()
    {
        var first = new FakeRequestStream<CustomerCommand>(_time);
        using var firstStream = new CancellationTokenSource();
        var firstWriter = _sends.WriteLoopAsync(first, Task.CompletedTask, firstStream.Token);
        var one = await _sends.QueueSendAsync(null, "one", CancellationToken.None);
        var two = await _sends.QueueSendAsync(null, "two", CancellationToken.None);
        await first.NextAsync("the hello");
        await first.NextAsync("send one");
        await first.NextAsync("send two");
        await firstStream.CancelAsync();
        await firstWriter.Within("the first writer to stop");
        var three = await _sends.QueueSendAsync(null, "three", CancellationToken.None);

        var second = new FakeRequestStream<CustomerCommand>(_time);
        var accepted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        StartWriter(second, accepted.Task);
        await second.NextAsync("the second hello");
        Assert.True(second.NothingMoreYet, "the writer sent more than the hello before the server accepted it");
        accepted.SetResult();

        string[] expected = [one.ClientMsgId, two.ClientMsgId, three.ClientMsgId];
        string[] written = [
            (await second.NextAsync("the resend of one")).Send.ClientMsgId,
            (await second.NextAsync("the resend of two")).Send.ClientMsgId,
            (await second.NextAsync("send three")).Send.ClientMsgId,
        ];
        Assert.Equal(expected, written);
    }

    [Theory]
    [InlineData("Unavailable")]
    [InlineData("ResourceExhausted")]
    public async Task Transient_refusal_is_sent_again_with_the_same_client_msg_id(string code)
    {
        var requests = new FakeRequestStream<CustomerCommand>(_time);
        StartWriter(requests);
        var send = await _sends.QueueSendAsync(null, "again", CancellationToken.None);
        await requests.NextAsync("the hello");
        await requests.NextAsync("the send");

        Assert.True(_sends.TryRetry(Wire.Error(code, send.ClientMsgId), out var gaveUp));

        Assert.Null(gaveUp);
        var again = (await requests.NextAsync("the send again")).Send;
        Assert.Equal((send.ClientMsgId, "again"), (again.ClientMsgId, again.Text));
        Assert.False(send.Outcome.IsCompleted);
    }

    [Fact]
    public async Task Other_refusals_are_not_retried()
    {
        var send = await _sends.QueueSendAsync(null, "no", CancellationToken.None);

        Assert.False(_sends.TryRetry(Wire.Error("InvalidArgument", send.ClientMsgId), out _));
        Assert.False(_sends.TryRetry(Wire.Error("Unavailable", clientMsgId: ""), out _));
        Assert.NotNull(_pending.TryGet(send.ClientMsgId));
    }

    [Fact]
    public async Task Refusal_of_a_send_already_acknowledged_is_swallowed()
    {
        var send = await _sends.QueueSendAsync(null, "stored", CancellationToken.None);
        Assert.True(_pending.TryTake(send.ClientMsgId, out _)); // as the translator does on its ack

        // A resend that crossed the ack and was refused for the rate: the message is stored, nothing to tell.
        Assert.True(_sends.TryRetry(Wire.Error("ResourceExhausted", send.ClientMsgId), out var notice));
        Assert.Null(notice);
    }

    [Fact]
    public async Task Pacing_never_exceeds_the_announced_limit()
    {
        const double perSecond = 10;
        const int burst = 4;
        const int count = 40;
        var requests = new FakeRequestStream<CustomerCommand>(_time);
        _sends.PaceBelow(perSecond, burst);
        StartWriter(requests);
        for (var i = 0; i < count; i++)
        {
            await _sends.QueueSendAsync(null, $"message {i}", CancellationToken.None);
        }

        await requests.NextAsync("the hello");
        var server = new FakeTime();
        var limit = new TokenBucket(perSecond, burst, server);
        var last = TimeSpan.Zero;
        for (var i = 0; i < count; i++)
        {
            var (_, at) = await requests.NextTimedAsync($"send {i}");
            server.Advance(at - last);
            last = at;
            Assert.True(limit.TryTake(), $"send {i} at {at.TotalSeconds} s is over the server's limit");
        }

        // 80 % of the limit with half its burst: 2 at once, then one every 1/8 s.
        Assert.InRange(last.TotalSeconds, 4.74, 4.76);
    }

    [Fact]
    public async Task Text_the_server_would_refuse_is_never_queued()
    {
        var requests = new FakeRequestStream<CustomerCommand>(_time);
        StartWriter(requests);

        var refused = await Assert.ThrowsAsync<ChatClientException>(() => _sends.QueueSendAsync(null, "  ", CancellationToken.None));
        await _sends.QueueAsync(new() { Typing = new() }, CancellationToken.None);

        Assert.Equal("InvalidArgument", refused.Code);
        await requests.NextAsync("the hello");
        Assert.NotNull((await requests.NextAsync("the typing")).Typing);
    }

    [Fact]
    public async Task Closed_pipeline_refuses_commands_and_fails_pending_sends()
    {
        var send = await _sends.QueueSendAsync(null, "pending", CancellationToken.None);

        _sends.Close();

        var failed = await Assert.ThrowsAsync<ChatClientException>(() => send.Outcome.Within("the send's outcome"));
        Assert.Equal("Unavailable", failed.Code);
        var closed = await Assert.ThrowsAsync<ChatClientException>(() => _sends.QueueAsync(new() { Typing = new() }, CancellationToken.None));
        Assert.Equal("Unavailable", closed.Code);
    }

    /// <summary>Starts a stream's writer; the test's end stops it and waits for it.</summary>
    private void StartWriter(FakeRequestStream<CustomerCommand> requests, Task? accepted = null) =>
        _writers.Add(_sends.WriteLoopAsync(requests, accepted ?? Task.CompletedTask, _stream.Token));
}
