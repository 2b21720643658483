namespace SupportChat.Grains.Board;

/// <summary>
/// The supervisor's live view of the whole cluster: one activation (key <see cref="Key"/>). Queue, agent and
/// conversation grains tell it, one-way, when something it shows changes; it pushes each change to its watchers.
/// </summary>
[Alias("supportchat.ISupervisorBoardGrain")]
public interface ISupervisorBoardGrain : IGrainWithStringKey
{
    public const string Key = "board";

    /// <summary>Registers (or renews) a watcher and returns the board as it is now; changes after it go to the watcher.
    /// <paramref name="departments"/> are the server's configured departments, shown even when empty.</summary>
    [Alias("Subscribe")]
    Task<BoardSnapshot> Subscribe(IBoardObserver observer, IReadOnlyList<string> departments);

    /// <summary>Renews a watcher's registration; returns the board's epoch: another one than the watcher's snapshot
    /// (a new activation), or Guid.Empty (the registration had expired), means it may have missed changes and subscribes again.</summary>
    [Alias("Renew")]
    Task<Guid> Renew(IBoardObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(IBoardObserver observer);

    [OneWay, Alias("ConversationChanged")]
    Task ConversationChanged(ConversationBoardRow row);

    /// <summary>Rows gathered on one node (<see cref="BoardReports"/>), applied in turn.</summary>
    [OneWay, Alias("ConversationsChanged")]
    Task ConversationsChanged(IReadOnlyList<ConversationBoardRow> rows);

    [OneWay, Alias("ConversationEnded")]
    Task ConversationEnded(ConversationEndedReport report);

    [OneWay, Alias("AgentChanged")]
    Task AgentChanged(AgentBoardReport report);

    [OneWay, Alias("Rated")]
    Task Rated(RatingReport report);
}
