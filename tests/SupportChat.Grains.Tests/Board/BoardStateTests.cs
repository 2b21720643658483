using SupportChat.Grains.Board;

namespace SupportChat.Grains.Tests.Board;

/// <summary>The board's rules as a plain class: what changes, and what it says then.</summary>
public sealed class BoardStateTests
{
    private static readonly DateTimeOffset Nine = new(2026, 11, 27, 9, 0, 0, TimeSpan.Zero);
    private readonly BoardState _board = new(Nine);

    [Fact]
    public void A_queued_customer_shows_in_its_department_as_waiting_since_it_joined()
    {
        _board.AddDepartments(["general"]);

        var changes = _board.Conversation(Queued("c1", "general", Nine.AddMinutes(1), version: 1));

        Assert.Contains(changes, c => c.Conversation?.ConversationId == "c1");
        var department = Assert.Single(changes, c => c.Department is not null).Department!;
        Assert.Equal(new DepartmentBoardRow("general", 1, Nine.AddMinutes(1), 0, 0, 0), department);
    }

    [Fact]
    public void An_assignment_changes_the_conversation_the_agent_and_the_department()
    {
        _board.Agent(Agent("ada", open: 0, version: 1));
        _board.Conversation(Queued("c1", "general", Nine, version: 1));
        _board.Agent(Agent("ada", open: 1, version: 2));

        var changes = _board.Conversation(Active("c1", "ada", unansweredSince: null, version: 2));

        Assert.Equal(0, changes.Single(c => c.Department is not null).Department!.Waiting);
        Assert.False(changes.Single(c => c.Conversation is not null).Conversation!.Queued);
        var snapshot = _board.Snapshot(Guid.Empty, Nine);
        var ada = Assert.Single(snapshot.Agents);
        Assert.Equal((1, null, "available"), (ada.Open, ada.IdleSince, ada.Status));
        Assert.Equal(new DepartmentBoardRow("general", 0, null, 1, 0, 2), Assert.Single(snapshot.Departments));
    }

    [Fact]
    public void The_agents_longest_unanswered_conversation_follows_its_customers()
    {
        _board.Agent(Agent("ada", open: 2, version: 1));
        _board.Conversation(Active("c1", "ada", Nine.AddMinutes(5), version: 1));
        var changes = _board.Conversation(Active("c2", "ada", Nine.AddMinutes(2), version: 1));

        var ada = changes.Single(c => c.Agent is not null).Agent!;
        Assert.Equal(("c2", Nine.AddMinutes(2)), (ada.LongestUnansweredConversationId, ada.LongestUnansweredSince));

        changes = _board.Conversation(Active("c2", "ada", unansweredSince: null, version: 2));
        Assert.Equal("c1", changes.Single(c => c.Agent is not null).Agent!.LongestUnansweredConversationId);
    }

    [Fact]
    public void A_report_older_than_the_one_held_is_ignored_and_a_repeat_changes_nothing()
    {
        _board.Conversation(Active("c1", "ada", null, version: 5));

        Assert.Empty(_board.Conversation(Queued("c1", "general", Nine, version: 4)));
        Assert.Empty(_board.Conversation(Active("c1", "ada", null, version: 6)));
        Assert.False(Assert.Single(_board.Snapshot(Guid.Empty, Nine).Conversations).Queued);
    }

    [Fact]
    public void An_ended_conversation_leaves_counts_once_and_a_late_row_does_not_bring_it_back()
    {
        _board.Conversation(Active("c1", "ada", null, version: 1));
        var ended = new ConversationEndedReport("c1", Nine.AddMinutes(3), Served: true, Version: 2);

        var changes = _board.Ended(ended);
        Assert.Contains(changes, c => c.ConversationRemoved == "c1");
        Assert.Equal(1, changes.Single(c => c.Today is not null).Today!.Served);

        Assert.Empty(_board.Ended(ended));
        Assert.Empty(_board.Conversation(Active("c1", "ada", null, version: 3)));
        Assert.Empty(_board.Snapshot(Guid.Empty, Nine).Conversations);
    }

    [Fact]
    public void A_conversation_that_never_had_an_agent_counts_as_abandoned()
    {
        _board.Conversation(Queued("c1", "general", Nine, version: 1));

        var today = _board.Ended(new ConversationEndedReport("c1", Nine.AddMinutes(1), Served: false, Version: 2)).Single(c => c.Today is not null).Today!;

        Assert.Equal((0, 1), (today.Served, today.Abandoned));
    }

    [Fact]
    public void An_away_agent_counts_as_away_and_offers_no_seats()
    {
        var changes = _board.Agent(Agent("ada", open: 1, version: 1, available: false));

        Assert.Equal("away", changes.Single(c => c.Agent is not null).Agent!.Status);
        Assert.Equal(new DepartmentBoardRow("general", 0, null, 0, 1, 0), changes.Single(c => c.Department is not null).Department);
    }

    [Fact]
    public void A_disconnected_agent_stays_while_it_has_conversations_and_leaves_without_them()
    {
        _board.Agent(Agent("ada", open: 1, version: 1));

        var disconnected = _board.Agent(Agent("ada", open: 1, version: 2, online: false));
        Assert.Equal("disconnected", disconnected.Single(c => c.Agent is not null).Agent!.Status);

        var gone = _board.Agent(Agent("ada", open: 0, version: 3, online: false));
        Assert.Contains(gone, c => c.AgentRemoved == "ada");
        Assert.Equal(new DepartmentBoardRow("general", 0, null, 0, 0, 0), gone.Single(c => c.Department is not null).Department);
    }

    [Fact]
    public void Ratings_average_over_today_and_a_new_rating_of_a_conversation_replaces_its_old_one()
    {
        _board.Rated(new RatingReport("c1", 5, Nine));
        _board.Rated(new RatingReport("c2", 2, Nine));

        var today = _board.Rated(new RatingReport("c2", 4, Nine.AddMinutes(1))).Single().Today!;

        Assert.Equal((4.5, 2), (today.RatingAverage, today.RatingCount));
    }

    [Fact]
    public void At_midnight_UTC_todays_figures_start_again()
    {
        _board.Ended(new ConversationEndedReport("c1", Nine, Served: true, Version: 1));

        Assert.Empty(_board.Tick(Nine.AddHours(14)));
        var today = Assert.Single(_board.Tick(Nine.AddHours(15))).Today!;

        Assert.Equal((new DateOnly(2026, 11, 28), 0), (today.Day, today.Served));
    }

    [Fact]
    public void Each_step_that_changes_something_counts_one_version()
    {
        _board.Conversation(Queued("c1", "general", Nine, version: 1));
        _board.Conversation(Queued("c1", "general", Nine, version: 2));

        Assert.Equal(1, _board.Version);
    }

    private static ConversationBoardRow Queued(string id, string department, DateTimeOffset since, long version) =>
        new(id, "Cleo", null, null, department, true, since, since, null, version);

    private static ConversationBoardRow Active(string id, string agentId, DateTimeOffset? unansweredSince, long version) =>
        new(id, "Cleo", agentId, "Ada", "general", false, Nine, null, unansweredSince, version);

    private static AgentBoardReport Agent(string id, int open, long version, bool online = true, bool available = true) =>
        new(id, "Ada", ["general"], online, available, open, 3, Nine, version);
}
