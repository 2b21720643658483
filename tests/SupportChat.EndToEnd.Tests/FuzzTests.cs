using System.Diagnostics;
using System.Text;
using Grpc.Core;
using SupportChat.Protocol.V1;
using Xunit.Abstractions;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests;

/// <summary>
/// Random, mutated commands on both kinds of stream for a bounded time. The server must stay up, and every
/// rejection must be a precise status: never Unknown or Internal. The seed is printed so a failure can be replayed.
/// </summary>
public sealed class FuzzTests(ITestOutputHelper output) : IAsyncLifetime
{
    private static readonly TimeSpan Duration = TimeSpan.FromSeconds(6);
    private static readonly HashSet<string> Precise =
        ["InvalidArgument", "NotFound", "FailedPrecondition", "PermissionDenied", "ResourceExhausted", "Unauthenticated", "OutOfRange"];

    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(null, "general", "billing");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Mutated_commands_get_precise_answers_and_the_server_stays_up()
    {
        var seed = Environment.TickCount;
        output.WriteLine($"fuzz seed {seed}");
        var random = new Random(seed);
        var answers = new List<ServerEvent>();
        var endings = new List<Status>();
        var clock = Stopwatch.StartNew();
        var rounds = 0;
        while (clock.Elapsed < Duration)
        {
            rounds++;
            await using var pair = await ChatPair.StartAsync(_server, "general");
            for (var i = 0; i < 40; i++)
            {
                try
                {
                    if (random.Next(2) == 0)
                    {
                        await pair.Customer.SendAsync(CustomerCommand(random, pair.ConversationId));
                    }
                    else
                    {
                        await pair.Agent.SendAsync(AgentCommand(random, pair.ConversationId));
                    }
                }
                catch (Exception ex) when (ex is RpcException or InvalidOperationException or IOException)
                {
                    break; // a stream ended (e.g. the customer ended the conversation): next round
                }
            }

            // Both leave (a stream that merely ends is a drop, which would leave the conversation open for its grace).
            await LeaveAsync(pair.Customer, Wire.CustomerEnd());
            await LeaveAsync(pair.Agent, Wire.AgentSignOff());
            foreach (var participant in new[] { (object)pair.Customer, pair.Agent })
            {
                var completion = participant is RawParticipant<CustomerCommand> c ? c.Completion : ((RawParticipant<AgentCommand>)participant).Completion;
                try
                {
                    await completion.WaitAsync(RawParticipant<CustomerCommand>.Timeout);
                }
                catch (RpcException ex)
                {
                    endings.Add(ex.Status);
                }
            }

            lock (pair.Customer.All)
            {
                answers.AddRange(pair.Customer.All);
            }

            lock (pair.Agent.All)
            {
                answers.AddRange(pair.Agent.All);
            }
        }

        var errors = answers.Where(a => a.EventCase == Kind.Error).Select(a => a.Error).ToList();
        output.WriteLine($"{rounds} rounds, {answers.Count} events, {errors.Count} errors, {endings.Count} streams ended with a status");
        Assert.NotEmpty(errors);
        Assert.All(errors, e => Assert.True(Precise.Contains(e.Code), $"imprecise error {e.Code}: {e.Message}"));
        // What is checked is the status the server gave. A stream the client's HTTP/2 transport saw reset carries the
        // transport's exception (seen once in many runs on a machine at load 30: the reset of a late frame, sent after
        // the server had completed the call, reached HttpClient before it had read the call's trailers).
        // Only STREAM_CLOSED (0x5): a reset of the server's own making (INTERNAL_ERROR, say) still fails the test.
        var transport = endings.Where(s => s.DebugException is System.Net.Http.HttpProtocolException { ErrorCode: 0x5 }).ToList();
        output.WriteLine($"{transport.Count} ended by the client's transport: {string.Join("; ", transport.Select(s => s.Detail))}");
        Assert.All(endings.Except(transport), s => Assert.True(s.StatusCode is not (StatusCode.Unknown or StatusCode.Internal), $"stream ended with {s}"));

        await using var after = await ChatPair.StartAsync(_server, "general");
        await after.Customer.SendAsync(Wire.CustomerSend("still up"));
        Assert.Equal("still up", (await after.Agent.WaitForAsync(Kind.Message, "a message after the fuzzing")).Message.Text);
    }

    /// <summary>The leave command, then the end of the request stream; either fails once the stream has ended.</summary>
    private static async Task LeaveAsync<TCommand>(RawParticipant<TCommand> participant, TCommand leave)
    {
        await participant.SendAsync(leave).ContinueWith(t => t.Exception, TaskScheduler.Default);
        await participant.CompleteAsync().ContinueWith(t => t.Exception, TaskScheduler.Default);
    }

    private static CustomerCommand CustomerCommand(Random random, string conversation) => random.Next(7) switch
    {
        0 => new CustomerCommand { Send = Send(random, conversation) },
        1 => new CustomerCommand { Typing = new Typing { ConversationId = Id(random, conversation) } },
        2 => new CustomerCommand { Read = new MarkRead { ConversationId = Id(random, conversation), Seq = random.NextInt64(-5, 1000) } },
        3 => new CustomerCommand { Hello = new CustomerHello { Name = Text(random), Department = Text(random) } },
        4 when random.Next(10) == 0 => new CustomerCommand { End = new EndConversation { ConversationId = Id(random, conversation) } },
        5 => new CustomerCommand(),
        _ => new CustomerCommand { Send = Send(random, conversation) },
    };

    private static AgentCommand AgentCommand(Random random, string conversation) => random.Next(9) switch
    {
        0 => new AgentCommand { Send = Send(random, conversation) },
        1 => new AgentCommand { Typing = new Typing { ConversationId = Id(random, conversation) } },
        2 => new AgentCommand { Read = new MarkRead { ConversationId = Id(random, conversation), Seq = random.NextInt64(-5, 1000) } },
        3 => new AgentCommand { Hello = new AgentHello { Name = Text(random), Capacity = random.Next(-3, 200), Cursors = { [Id(random, conversation)] = random.NextInt64(-5, 1000) } } },
        4 => new AgentCommand { Transfer = new Transfer { ConversationId = Id(random, conversation), Department = Text(random) } },
        5 => new AgentCommand { Status = new SetStatus { Status = (AgentStatus)random.Next(-1, 4), Capacity = random.Next(-3, 200) } },
        6 when random.Next(10) == 0 => new AgentCommand { End = new EndConversation { ConversationId = Id(random, conversation) } },
        7 => new AgentCommand(),
        _ => new AgentCommand { Send = Send(random, conversation) },
    };

    private static SendMessage Send(Random random, string conversation) => new()
    {
        ClientMsgId = random.Next(4) == 0 ? Text(random) : Guid.NewGuid().ToString(),
        ConversationId = Id(random, conversation),
        Text = Text(random),
    };

    private static string Id(Random random, string conversation) => random.Next(5) switch
    {
        0 => string.Empty,
        4 => " \v\t\u00A0"[..random.Next(1, 5)],
        1 => conversation,
        2 => conversation[..^1] + "x",
        _ => Text(random),
    };

    /// <summary>Plain words, control characters, bidi marks, odd Unicode and lengths around the limits.</summary>
    private static string Text(Random random)
    {
        var length = random.Next(6) switch { 0 => 0, 1 => random.Next(3995, 4010), 2 => random.Next(10_000, 60_000), _ => random.Next(1, 40) };
        var builder = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            builder.Append(random.Next(10) switch
            {
                0 => (char)random.Next(0, 32),
                1 => (char)random.Next(0x80, 0xA0),
                2 => "\u202E\u2066\u200F\uFEFF\uFFFD"[random.Next(5)],
                3 => (char)random.Next(0x4E00, 0x4F00),
                _ => (char)random.Next(32, 127),
            });
        }

        return builder.ToString();
    }
}
