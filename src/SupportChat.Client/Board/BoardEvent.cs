namespace SupportChat.Client.Board;

/// <summary>What a <see cref="BoardWatch"/> reports: a snapshot, then changes (each the new state of one row).</summary>
public abstract record BoardEvent;

/// <summary>The whole board: replaces everything received before (sent first, and again after every reconnect).</summary>
/// <param name="Departments">Every configured department.</param>
/// <param name="Agents">Agents signed in, or disconnected with conversations open.</param>
/// <param name="Conversations">Open conversations, oldest first.</param>
/// <param name="Today">Today's figures.</param>
/// <param name="At">The server's clock when it was taken.</param>
/// <param name="Server">The server it came from.</param>
public sealed record BoardSnapshot(IReadOnlyList<BoardDepartment> Departments, IReadOnlyList<BoardAgent> Agents,
    IReadOnlyList<BoardConversation> Conversations, BoardToday Today, DateTimeOffset At, Uri Server) : BoardEvent;

/// <summary>A department's new state.</summary>
/// <param name="Department">The row.</param>
public sealed record DepartmentChanged(BoardDepartment Department) : BoardEvent;

/// <summary>An agent's new state (added when it was not shown).</summary>
/// <param name="Agent">The row.</param>
public sealed record AgentChanged(BoardAgent Agent) : BoardEvent;

/// <summary>An agent left the board (signed off, or gone with nothing open).</summary>
/// <param name="AgentId">The agent's id.</param>
public sealed record AgentRemoved(string AgentId) : BoardEvent;

/// <summary>A conversation's new state (added when it was not shown).</summary>
/// <param name="Conversation">The row.</param>
public sealed record ConversationChanged(BoardConversation Conversation) : BoardEvent;

/// <summary>A conversation ended.</summary>
/// <param name="ConversationId">The conversation's id.</param>
public sealed record ConversationRemoved(string ConversationId) : BoardEvent;

/// <summary>Today's figures changed (or a new day began).</summary>
/// <param name="Today">The figures.</param>
public sealed record TodayChanged(BoardToday Today) : BoardEvent;

/// <summary>The connection broke; the watch reconnects by itself and then sends a new snapshot.</summary>
/// <param name="Message">What happened.</param>
/// <param name="RetryIn">When it tries again.</param>
public sealed record BoardConnectionLost(string Message, TimeSpan RetryIn) : BoardEvent;
