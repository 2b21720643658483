using SupportChat.Cli.Output;
using SupportChat.Client.Events;
using SupportChat.Client.History;

namespace SupportChat.Cli.Tests;

/// <summary>The --json shapes are a public contract: these pin them field by field.</summary>
public sealed class JsonEventsTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 24, 9, 30, 15, 250, TimeSpan.FromHours(2));

    private static string Json(ChatEvent e) => JsonLines.Format(JsonEvents.ToJson(e)!);

    [Fact]
    public void Message_event_has_the_contract_fields_with_utc_iso_time()
    {
        var message = new MessageReceived("c1", 3, "m", SenderRole.Agent, "ada", "Ada Lovelace", "Hi \"Bob\" ✓", At, "x", IsOwn: false);

        Assert.Equal(
            """{"type":"message","conversation":"c1","seq":3,"from":"agent","name":"Ada Lovelace","text":"Hi \"Bob\" ✓","at":"2026-11-24T07:30:15.250Z"}""",
            JsonLines.Format(JsonEvents.ToJson(message)!));
    }

    [Fact]
    public void Queue_assignment_and_end_events_match_the_contract()
    {
        Assert.Equal("""{"type":"queued","position":2,"department":"general","conversation":"c1","no_agent_available":false,"estimated_wait_seconds":90}""",
            Json(new QueuePosition("c1", "general", 2, TimeSpan.FromSeconds(89.5))));
        Assert.Equal("""{"type":"queued","position":1,"department":"general","conversation":"c1","no_agent_available":true}""",
            Json(new QueuePosition("c1", "general", 1, null) { NoAgentAvailable = true }));
        Assert.Equal("""{"type":"assigned","conversation":"c1","agent":"Ada","customer":"Bob","department":"general"}""",
            Json(new ConversationAssigned("c1", "general", "ada", "Ada", "", "u1", "Bob", At)));
        Assert.Equal("""{"type":"assigned","conversation":"c1","agent":"Ada","customer":"Bob","department":"general","email":"bob@example.com"}""",
            Json(new ConversationAssigned("c1", "general", "ada", "Ada", "", "u1", "Bob", At, "bob@example.com")));
        Assert.Equal("""{"type":"ended","conversation":"c1","by":"customer"}""",
            Json(new ConversationEnded("c1", EndedBy.Customer, "", 4)));
        Assert.Equal("""{"type":"typing","conversation":"c1","name":"Bob"}""",
            Json(new TypingReceived("c1", "Bob", SenderRole.Customer)));
        Assert.Equal("""{"type":"error","code":"InvalidArgument","message":"bad"}""",
            Json(new ServerError("InvalidArgument", "bad", null, null)));
    }

    [Fact]
    public void Ready_names_the_agent()
    {
        var json = Json(new AgentReady("ada", "Ada", ["general"], 3, AgentAvailability.Available));

        Assert.StartsWith("""{"type":"ready","name":"Ada",""", json);
    }

    [Fact]
    public void Events_outside_the_contract_are_not_written()
    {
        Assert.Null(JsonEvents.ToJson(new CustomerWelcome("u1", "t", "c1", "general")));
        Assert.Null(JsonEvents.ToJson(new StreamClosed("OK", "bye")));
    }

    [Fact]
    public void History_summary_has_null_ended_while_open()
    {
        var open = new ConversationSummary("c1", "Bob", ["Ada"], "general", At, null, 2, "active");

        Assert.Equal(
            """{"conversation":"c1","customer":"Bob","agents":["Ada"],"department":"general","started":"2026-11-24T07:30:15.250Z","ended":null,"messages":2,"rating":null,"comment":null}""",
            JsonEvents.Summary(open).ToJsonString());
    }

    [Fact]
    public void History_summary_carries_the_customers_rating()
    {
        var rated = new ConversationSummary("c1", "Bob", ["Ada"], "general", At, At, 2, "ended", 4, "quick");

        var json = JsonEvents.Summary(rated);

        Assert.Equal((4, "quick"), ((int)json["rating"]!, (string)json["comment"]!));
    }

    [Fact]
    public void A_history_summary_has_an_email_field_only_when_the_customer_gave_one()
    {
        var summary = new ConversationSummary("c1", "Bob", ["Ada"], "general", At, null, 2, "active");

        Assert.DoesNotContain("email", JsonLines.Format(JsonEvents.Summary(summary)), StringComparison.Ordinal);
        Assert.EndsWith(""","email":"bob@example.com"}""", JsonLines.Format(JsonEvents.Summary(summary with { CustomerEmail = "bob@example.com" })),
            StringComparison.Ordinal);
    }
}
