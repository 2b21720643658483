using Microsoft.Extensions.DependencyInjection;
using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.Events;
using SupportChat.Client.Sessions;
using SupportChat.Domain.Persistence;
using SupportChat.Server.Security;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;
using ServerEvent = SupportChat.Protocol.V1.ServerEvent;
using SqliteChatStore = SupportChat.Storage.Sqlite.SqliteChatStore;

namespace SupportChat.EndToEnd.Tests;

/// <summary>
/// Nothing acknowledged is lost and nothing is delivered twice: store faults, resumes, restarts and floods,
/// over a real server. Each test ends by checking the transcript is exactly the acknowledged sends.
/// </summary>
public sealed class ResilienceTests : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<ChatSession> _sessions = [];
    private FaultInjectingStore? _faults;
    private TestServer _server = null!;
    private SupportChatConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _server = await TestServer.StartWithAsync(
            new Dictionary<string, string?> { ["Chat:AgentGrace"] = "00:00:30", ["Chat:CustomerGrace"] = "00:02:00" },
            builder => builder.Services.AddSingleton<IChatStore>(sp => _faults = new FaultInjectingStore(sp.GetRequiredService<SqliteChatStore>())));
        _connection = SupportChatConnection.Create(_server.Url);
    }

    public async Task DisposeAsync()
    {
        foreach (var session in _sessions)
        {
            await session.DisposeAsync();
        }

        await _connection.DisposeAsync();
        await _server.DisposeAsync();
    }

    [Fact]
    public async Task A_store_failure_before_the_commit_is_retried_and_the_message_stored_once()
    {
        var (conversation, ada, adaEvents, bob, _) = await ChatAsync();
        _faults!.FailBeforeCommit(2);

        var hello = await bob.SendAsync("hello", None);

        Assert.Equal((1L, 2), (hello.Seq, _faults.Injected));
        await adaEvents.WaitForAsync<MessageReceived>(m => m.Text == "hello");
        Assert.Equal(2, (await ada.SendAsync(conversation, "hi", None)).Seq);
        Assert.Equal(["hello", "hi"], await TranscriptAsync(conversation));
        Assert.Single(adaEvents.All<MessageReceived>(), m => m.Text == "hello");
    }

    [Fact]
    public async Task A_store_failure_after_the_commit_is_retried_and_keeps_the_original_seq()
    {
        var (conversation, ada, adaEvents, bob, bobEvents) = await ChatAsync();
        _faults!.FailAfterCommit(1);

        var hello = await bob.SendAsync("hello", None);
        var reply = await ada.SendAsync(conversation, "hi", None);

        Assert.Equal((1L, 2L, 1), (hello.Seq, reply.Seq, _faults.Injected));
        await bobEvents.WaitForAsync<MessageReceived>(m => m.Text == "hi");
        await adaEvents.WaitForAsync<MessageReceived>(m => m.Text == "hi");
        Assert.Equal(["hello", "hi"], await TranscriptAsync(conversation));
        Assert.Single(adaEvents.All<MessageReceived>(), m => m.Text == "hello");
        Assert.Single(bobEvents.All<MessageReceived>(), m => m.Text == "hello");
    }

    [Fact]
    public async Task Both_sides_reconnect_across_a_server_restart_and_what_was_sent_meanwhile_arrives_once()
    {
        var (conversation, ada, adaEvents, bob, bobEvents) = await ChatAsync();
        await bob.SendAsync("before", None);
        await adaEvents.WaitForAsync<MessageReceived>(m => m.Text == "before");

        await _server.StopAsync();
        await bobEvents.WaitForAsync<Reconnecting>();
        await adaEvents.WaitForAsync<Reconnecting>();
        var during = bob.SendAsync("sent while the server was down", None);
        await _server.StartAgainAsync();

        Assert.Equal(2, (await during).Seq);
        await bobEvents.WaitForAsync<Reconnected>();
        await adaEvents.WaitForAsync<Reconnected>();
        await adaEvents.WaitForAsync<MessageReceived>(m => m.Text == "sent while the server was down");
        Assert.Equal(3, (await ada.SendAsync(conversation, "after", None)).Seq);
        await bobEvents.WaitForAsync<MessageReceived>(m => m.Text == "after");
        await adaEvents.WaitForAsync<MessageReceived>(m => m.Text == "after");

        string[] all = ["before", "sent while the server was down", "after"];
        Assert.Equal(all, adaEvents.All<MessageReceived>().Select(m => m.Text));
        Assert.Equal(all, bobEvents.All<MessageReceived>().Select(m => m.Text));
        Assert.Single(bobEvents.All<ConversationAssigned>());
        Assert.Equal(all, await TranscriptAsync(conversation));
    }

    [Fact]
    public async Task A_customer_resumes_in_a_new_session_and_gets_only_what_it_missed()
    {
        var (conversation, ada, _, bob, bobEvents) = await ChatAsync();
        await bob.SendAsync("first", None);
        await ada.SendAsync(conversation, "second", None);
        await bobEvents.WaitForAsync<MessageReceived>(m => m.Text == "second");
        var resume = bob.Resume!;
        await bob.DisposeAsync(); // gone without a goodbye, like a killed process

        await ada.SendAsync(conversation, "while you were away", None);
        var back = await _connection.StartCustomerAsync(new CustomerJoin("Bob", Resume: resume), None);
        _sessions.Add(back);
        var backEvents = EventProbe.Watch(back, "Bob again");

        var missed = await backEvents.WaitForAsync<MessageReceived>();
        Assert.Equal((3L, "while you were away"), (missed.Seq, missed.Text));
        Assert.Equal(4, (await back.SendAsync("thanks", None)).Seq);
        await backEvents.WaitForAsync<MessageReceived>(m => m.Seq == 4);
        Assert.Equal(["while you were away", "thanks"], backEvents.All<MessageReceived>().Select(m => m.Text));
        Assert.Equal("Ada", (await backEvents.WaitForAsync<ConversationAssigned>()).AgentName);
    }

    [Fact]
    public async Task A_resume_with_a_forged_token_is_unauthenticated()
    {
        var (conversation, _, _, bob, _) = await ChatAsync();
        var forged = bob.Resume! with { SessionToken = "forged" };

        var refused = await Assert.ThrowsAsync<ChatClientException>(
            () => _connection.StartCustomerAsync(new CustomerJoin("Mallory", Resume: forged), None));
        Assert.Equal("Unauthenticated", refused.Code);

        var elsewhere = await Assert.ThrowsAsync<ChatClientException>(() => _connection.StartCustomerAsync(
            new CustomerJoin("Mallory", Resume: bob.Resume! with { ConversationId = conversation + "x" }), None));
        Assert.Equal("Unauthenticated", elsewhere.Code);

        var tokens = _server.Services.GetRequiredService<SessionTokens>();
        var expired = bob.Resume! with { SessionToken = tokens.Issue(bob.Resume!.CustomerId, conversation, DateTimeOffset.UtcNow.AddMinutes(-1)) };
        var late = await Assert.ThrowsAsync<ChatClientException>(() => _connection.StartCustomerAsync(new CustomerJoin("Bob", Resume: expired), None));
        Assert.Equal("Unauthenticated", late.Code);
        Assert.Contains("expired", late.Message);

        var valid = bob.Resume! with { SessionToken = tokens.Issue(bob.Resume!.CustomerId, conversation, DateTimeOffset.UtcNow.AddMinutes(5)) };
        await using var back = await _connection.StartCustomerAsync(new CustomerJoin("Bob", Resume: valid), None);
        Assert.Equal(conversation, back.Resume!.ConversationId);
    }

    [Fact]
    public async Task An_agent_back_within_the_grace_period_keeps_its_conversation_and_sees_it_again()
    {
        var (conversation, ada, _, bob, bobEvents) = await ChatAsync();
        await bob.SendAsync("hello", None);
        await ada.DisposeAsync(); // the agent's process died

        await bob.SendAsync("are you there?", None);
        var (back, backEvents) = await AgentAsync("Ada");

        Assert.Equal(conversation, (await backEvents.WaitForAsync<ConversationAssigned>()).ConversationId);
        await backEvents.WaitForAsync<MessageReceived>(m => m.Text == "are you there?");
        Assert.Equal(["hello", "are you there?"], backEvents.All<MessageReceived>().Select(m => m.Text));
        Assert.Equal(3, (await back.SendAsync(conversation, "yes, sorry", None)).Seq);
        await bobEvents.WaitForAsync<MessageReceived>(m => m.Text == "yes, sorry");
        Assert.DoesNotContain(bobEvents.All<MessageReceived>(), m => m.From == SenderRole.System);
    }

    [Fact]
    public async Task Sending_faster_than_the_rate_is_refused_with_ResourceExhausted_and_nothing_acknowledged_is_lost()
    {
        await using var pair = await ChatPair.StartAsync(_server, "general");
        var texts = Enumerable.Range(1, 80).Select(i => $"flood {i}").ToList();
        foreach (var text in texts)
        {
            await pair.Customer.SendAsync(Wire.CustomerSend(text));
        }

        var answers = new List<ServerEvent>();
        while (answers.Count < texts.Count)
        {
            answers.Add(await pair.Customer.WaitForAsync(e => e.EventCase is Kind.Ack or Kind.Error, "an ack or an error"));
        }

        // The first send over the rate is refused ResourceExhausted; every later one is held back behind it
        // (Unavailable, naming it), so that nothing is stored ahead of a send the client has to send again.
        var refused = answers.Where(a => a.EventCase == Kind.Error).Select(a => a.Error).ToList();
        Assert.NotEmpty(refused);
        Assert.Equal("ResourceExhausted", refused[0].Code);
        Assert.All(refused.Skip(1), e => Assert.Equal(("Unavailable", $"held back: resend {refused[0].ClientMsgId} first"), (e.Code, e.Message)));
        var acked = answers.Where(a => a.EventCase == Kind.Ack).Select(a => a.Ack).ToList();
        Assert.Equal(Enumerable.Range(1, acked.Count).Select(i => (long)i), acked.Select(a => a.Seq));
        Assert.Equal(texts.Take(acked.Count), await TranscriptAsync(pair.ConversationId));
    }

    [Fact]
    public async Task A_commit_that_fails_mid_burst_leaves_every_message_stored_once_in_the_order_it_was_sent()
    {
        await using var pair = await ChatPair.StartAsync(_server, "general");
        // 10 + 20 sends and at most 20 resent: 50 in all, the send rate's burst, so that however fast this runs the only
        // refusals are the failed commit's (40 sends made a quick run over the rate: ResourceExhausted, not Unavailable).
        var sends = Enumerable.Range(1, 30).Select(i => Wire.CustomerSend($"burst {i}")).ToList();
        foreach (var send in sends.Take(10))
        {
            await pair.Customer.SendAsync(send);
        }

        for (var i = 1; i <= 10; i++)
        {
            Assert.Equal(i, (await pair.Customer.WaitForAsync(Kind.Ack, $"ack {i}")).Ack.Seq);
        }

        _faults!.FailBeforeCommit(1);

        // A client that keeps the rule: what the server refused this time goes again, in the order it was first sent.
        var unanswered = sends.Skip(10).ToList();
        var rounds = 0;
        while (unanswered.Count > 0)
        {
            Assert.True(++rounds <= 3, $"still refused after {rounds - 1} rounds: {unanswered.Count} sends");
            foreach (var send in unanswered)
            {
                await pair.Customer.SendAsync(send);
            }

            var refused = new HashSet<string>();
            for (var answered = 0; answered < unanswered.Count; answered++)
            {
                var answer = await pair.Customer.WaitForAsync(e => e.EventCase is Kind.Ack or Kind.Error, "an ack or an error");
                if (answer.EventCase == Kind.Error)
                {
                    Assert.Equal("Unavailable", answer.Error.Code);
                    refused.Add(answer.Error.ClientMsgId);
                }
            }

            unanswered = [.. unanswered.Where(s => refused.Contains(s.Send.ClientMsgId))];
        }

        Assert.Equal(2, rounds);
        Assert.Equal(1, _faults.Injected);
        Assert.Equal(sends.Select(s => s.Send.Text), await TranscriptAsync(pair.ConversationId));
    }

    private async Task<(string Conversation, AgentSession Ada, EventProbe AdaEvents, CustomerSession Bob, EventProbe BobEvents)> ChatAsync()
    {
        var (ada, adaEvents) = await AgentAsync("Ada");
        var bob = await _connection.StartCustomerAsync(new CustomerJoin("Bob"), None);
        _sessions.Add(bob);
        var bobEvents = EventProbe.Watch(bob, "Bob");
        var conversation = (await bobEvents.WaitForAsync<ConversationAssigned>()).ConversationId;
        await adaEvents.WaitForAsync<ConversationAssigned>();
        return (conversation, ada, adaEvents, bob, bobEvents);
    }

    private async Task<(AgentSession Session, EventProbe Events)> AgentAsync(string name)
    {
        var session = await _connection.StartAgentAsync(new AgentSignIn(name, [], 3), None);
        _sessions.Add(session);
        var events = EventProbe.Watch(session, name);
        await events.WaitForAsync<AgentReady>();
        return (session, events);
    }

    private async Task<List<string>> TranscriptAsync(string conversationId)
    {
        var transcript = await _connection.GetTranscriptAsync(conversationId, None);
        Assert.Equal(Enumerable.Range(1, transcript.Messages.Count).Select(i => (long)i), transcript.Messages.Select(m => m.Seq));
        return [.. transcript.Messages.Where(m => m.From != SenderRole.System).Select(m => m.Text)];
    }
}
