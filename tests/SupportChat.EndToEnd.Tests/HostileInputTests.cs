using Grpc.Core;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests;

/// <summary>
/// What a hostile peer can type never reaches the other side raw: terminal escapes, OSC 52 clipboard writes,
/// bells, C1 controls and bidi overrides are refused with InvalidArgument, huge texts too, and the stream goes
/// on. A message too big for the wire ends only the sender's stream.
/// </summary>
public sealed class HostileInputTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartAsync(null, "general");

    public async Task DisposeAsync() => await _server.DisposeAsync();

    public static TheoryData<string, string> Hostile => new()
    {
        { "escape sequence", "red \u001b[31malert\u001b[0m" },
        { "clear screen", "\u001b[2J\u001b[H" },
        { "OSC 52 clipboard write", "\u001b]52;c;cm0gLXJmIH4=\u0007" },
        { "bell", "ding\u0007" },
        { "C1 CSI", "\u009b31m" },
        { "bidi override", "invoice_\u202Egpj.exe" },
        { "bidi isolate", "a\u2066b\u2069" },
        { "carriage return", "fake\rline" },
        { "NUL", "a\0b" },
        { "100,000 characters", new string('x', 100_000) },
    };

    [Theory]
    [MemberData(nameof(Hostile))]
    public async Task Hostile_text_is_refused_and_the_chat_goes_on(string what, string text)
    {
        await using var pair = await ChatPair.StartAsync(_server, "general");

        await pair.Customer.SendAsync(Wire.CustomerSend(text));
        var refused = await pair.Customer.WaitForAsync(Kind.Error, $"an error for {what}");
        await pair.Customer.SendAsync(Wire.CustomerSend("still here"));
        var next = await pair.Agent.WaitForAsync(Kind.Message, "the next message");

        Assert.Equal("InvalidArgument", refused.Error.Code);
        Assert.Equal((1L, "still here"), (next.Message.Seq, next.Message.Text));
    }

    [Theory]
    [InlineData("Eve\u001b[2J")]
    [InlineData("Eve\u202E")]
    [InlineData("Eve\u0085Mallory")]
    public async Task Hostile_names_are_refused(string name)
    {
        await using var customer = RawParticipant<CustomerCommand>.Customer(Wire.Channel(_server));
        await customer.SendAsync(Wire.CustomerHello(name));

        var refused = await Assert.ThrowsAsync<RpcException>(() => customer.Completion.WaitAsync(RawParticipant<CustomerCommand>.Timeout));
        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
    }

    [Fact]
    public async Task A_five_megabyte_message_ends_only_the_senders_stream()
    {
        await using var pair = await ChatPair.StartAsync(_server, "general");

        // The server stops reading at the length prefix, so the write itself may never finish: do not wait for it.
        var write = pair.Customer.SendAsync(Wire.CustomerSend(new string('x', 5 * 1024 * 1024)));

        var ended = await Assert.ThrowsAsync<RpcException>(() => pair.Customer.Completion.WaitAsync(RawParticipant<CustomerCommand>.Timeout));
        _ = write.ContinueWith(t => t.Exception, TaskScheduler.Default);
        Assert.Equal(StatusCode.ResourceExhausted, ended.StatusCode);
        await using var other = await ChatPair.StartAsync(_server, "general");
        await other.Customer.SendAsync(Wire.CustomerSend("the server is fine"));
        Assert.Equal("the server is fine", (await other.Agent.WaitForAsync(Kind.Message, "a message on another pair")).Message.Text);
    }

    [Fact]
    public async Task Invalid_utf8_on_the_wire_is_invalid_argument_not_a_crash()
    {
        using var channel = Wire.Channel(_server);
        var raw = Marshallers.Create<byte[]>(bytes => bytes, bytes => bytes);
        var method = new Method<byte[], byte[]>(MethodType.DuplexStreaming, "supportchat.v1.SupportChat", "Customer", raw, raw);
        using var call = channel.CreateCallInvoker().AsyncDuplexStreamingCall(method, null, new CallOptions());

        // CustomerCommand { hello { name: 0xC3 0x28 } }: a two-byte sequence whose second byte is not a continuation.
        await call.RequestStream.WriteAsync([0x0A, 0x04, 0x0A, 0x02, 0xC3, 0x28]);
        var refused = await Assert.ThrowsAsync<RpcException>(async () =>
        {
            while (await call.ResponseStream.MoveNext(CancellationToken.None))
            {
            }
        });

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        await using var pair = await ChatPair.StartAsync(_server, "general");
    }

    public static TheoryData<string, string> MalformedIds => new()
    {
        { "vertical tab", "\u000b" },
        { "blank", "   " },
        { "escape sequence", "c\u001b[2J" },
        { "60,000 characters", new string('c', 60_000) },
    };

    /// <summary>An agent command naming an id the server could never have issued is refused like any foreign id,
    /// on every command that names a conversation, and the stream goes on.</summary>
    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task A_malformed_conversation_id_is_permission_denied_on_every_agent_command(string what, string id)
    {
        await using var pair = await ChatPair.StartAsync(_server, "general");
        AgentCommand[] commands =
        [
            Wire.AgentSend("hello", id, Guid.NewGuid().ToString()),
            new() { Typing = new Typing { ConversationId = id } },
            new() { Read = new MarkRead { ConversationId = id, Seq = 1 } },
            new() { Transfer = new Transfer { ConversationId = id, Department = "general" } },
            Wire.AgentEnd(id),
        ];

        foreach (var command in commands)
        {
            await pair.Agent.SendAsync(command);
            var refused = await pair.Agent.WaitForAsync(Kind.Error, $"an error for {command.CommandCase} naming a {what} id");
            Assert.Equal(("PermissionDenied", command.CommandCase), (refused.Error.Code, command.CommandCase));
        }

        await pair.Agent.SendAsync(Wire.AgentSend("still here", pair.ConversationId));
        Assert.Equal("still here", (await pair.Customer.WaitForAsync(Kind.Message, "the next message")).Message.Text);
    }

    [Theory]
    [MemberData(nameof(MalformedIds))]
    public async Task An_agent_hello_with_a_malformed_cursor_is_invalid_argument(string what, string id)
    {
        await using var agent = RawParticipant<AgentCommand>.Agent(Wire.Channel(_server));
        var hello = Wire.AgentHello("Ada", 1, "general");
        hello.Hello.Cursors.Add(id, 0);
        await agent.SendAsync(hello);

        var refused = await Assert.ThrowsAsync<RpcException>(() => agent.Completion.WaitAsync(RawParticipant<AgentCommand>.Timeout));
        Assert.True(refused.StatusCode == StatusCode.InvalidArgument, $"{what}: {refused.Status}");
    }
}
