using System.Collections.Concurrent;
using System.Diagnostics;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests.Operations;

/// <summary>
/// The spans of a join and of a send over a real server with tracing on (Metrics:Traces, as an in-process listener such
/// as dotnet-trace would have it), read by an ActivityListener: the gRPC call's span, SupportChat's command span under
/// it, Orleans' grain-call spans under that, and the store's write span at the bottom, with the group commit's span
/// linked to the write. The spans of other tests' servers in this process are told apart by trace id.
/// </summary>
public sealed class TracingTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_send_is_one_span_tree_from_the_call_through_the_grain_to_the_store_and_the_commit_links_to_it()
    {
        var stopped = new ConcurrentQueue<Activity>();
        var sendStopped = new TaskCompletionSource<Activity>(TaskCreationOptions.RunContinuationsAsynchronously);
        string? customerId = null;
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "SupportChat" or "Microsoft.Orleans.Application" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                stopped.Enqueue(activity);
                if (activity.OperationName == "supportchat.send" && customerId is not null
                    && (string?)activity.GetTagItem("supportchat.participant.id") == customerId)
                {
                    sendStopped.TrySetResult(activity);
                }
            },
        };
        ActivitySource.AddActivityListener(listener);

        await using var server = await TestServer.StartWithAsync(new Dictionary<string, string?> { ["Metrics:Traces"] = "true" });
        await using var pair = await ChatPair.StartAsync(server, "general");
        var welcome = pair.Customer.All.First(e => e.EventCase == Kind.Welcome).Welcome;
        Volatile.Write(ref customerId, welcome.CustomerId);
        await pair.Customer.SendAsync(Wire.CustomerSend("hello"));
        await pair.Customer.WaitForAsync(Kind.Ack, "the customer's ack");

        // The command's span ends just after the ack is queued to the stream: wait for it, not for time.
        var send = await sendStopped.Task.WaitAsync(Patience);
        var trace = stopped.Where(a => a.TraceId == send.TraceId).ToList();
        Activity? Parent(Activity a) => trace.FirstOrDefault(p => p.SpanId == a.ParentSpanId);

        // The call: the gRPC request's span (ASP.NET Core), still running as long as the stream is open, is the send span's parent.
        var call = send.Parent;
        Assert.NotNull(call);
        Assert.Equal("Microsoft.AspNetCore", call.Source.Name);
        Assert.Equal("Microsoft.AspNetCore.Hosting.HttpRequestIn", call.OperationName);

        // The store: a write span of this trace whose ancestors are a SendBatch grain call and then the send.
        var write = trace.Single(a => a.OperationName == "supportchat.store.write" && Ancestors(a, Parent).Contains(send));
        Assert.Equal("append", write.GetTagItem("supportchat.store.write.kind"));
        var grainCalls = Ancestors(write, Parent).TakeWhile(a => a != send).ToList();
        Assert.NotEmpty(grainCalls);
        Assert.All(grainCalls, a => Assert.Equal("Microsoft.Orleans.Application", a.Source.Name));
        Assert.Contains(grainCalls, a => a.DisplayName.Contains("SendBatch", StringComparison.Ordinal));

        // The commit that made it durable links to it (and is the child of its batch's first write, in some trace).
        var commit = stopped.Single(a => a.OperationName == "supportchat.store.commit" && a.Links.Any(l => l.Context.SpanId == write.SpanId));
        Assert.True((int)commit.GetTagItem("supportchat.store.commit.size")! >= 1);
        Assert.Equal(commit.Links.First().Context.SpanId, commit.ParentSpanId);
    }

    [Fact]
    public async Task A_join_is_one_span_tree_from_the_join_through_the_grains_to_the_stored_conversation()
    {
        var stopped = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is "SupportChat" or "Microsoft.Orleans.Application",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = stopped.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);

        await using var server = await TestServer.StartWithAsync(new Dictionary<string, string?> { ["Metrics:Traces"] = "true" });
        await using var pair = await ChatPair.StartAsync(server, "general");
        var customerId = pair.Customer.All.First(e => e.EventCase == Kind.Welcome).Welcome.CustomerId;

        // The join's span ends once the customer is queued, which is before the assignment the pair waited for.
        var join = await WaitForAsync(() => stopped.FirstOrDefault(a => a.OperationName == "supportchat.join"
            && (string?)a.GetTagItem("supportchat.participant.id") == customerId), "the join's span");
        var trace = stopped.Where(a => a.TraceId == join.TraceId).ToList();
        Activity? Parent(Activity a) => trace.FirstOrDefault(p => p.SpanId == a.ParentSpanId);

        var opened = trace.Single(a => a.DisplayName.Contains("/Open", StringComparison.Ordinal) && a.Kind == ActivityKind.Server);
        Assert.Contains(join, Ancestors(opened, Parent));
        var saved = trace.Single(a => a.OperationName == "supportchat.store.write" && Ancestors(a, Parent).Contains(opened));
        Assert.Equal("conversation", saved.GetTagItem("supportchat.store.write.kind"));
        Assert.Contains(trace, a => a.DisplayName.Contains("/Enqueue", StringComparison.Ordinal) && Ancestors(a, Parent).Contains(join));
    }

    private static IEnumerable<Activity> Ancestors(Activity activity, Func<Activity, Activity?> parent)
    {
        for (var a = parent(activity); a is not null; a = parent(a))
        {
            yield return a;
        }
    }

    /// <summary>Spans stop on their own threads, shortly after what the test awaited: looks again until one is there.</summary>
    private static async Task<Activity> WaitForAsync(Func<Activity?> find, string what)
    {
        var deadline = DateTime.UtcNow + Patience;
        Activity? found;
        while ((found = find()) is null)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"no {what} within {Patience.TotalSeconds} s");
            }

            await Task.Delay(20);
        }

        return found;
    }
}
