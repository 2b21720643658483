namespace SupportChat.Client.Board;

/// <summary>A department on the supervisor's board.</summary>
/// <param name="Name">The department.</param>
/// <param name="Waiting">Customers waiting in its queue.</param>
/// <param name="OldestWaitingSince">When the customer waiting longest joined the queue; null when nobody waits.</param>
/// <param name="AgentsAvailable">Signed-in agents of the department who take customers.</param>
/// <param name="AgentsAway">Signed-in agents who take no new customers (away, or disconnected within their grace period).</param>
/// <param name="SeatsFree">Customers the available agents could take now.</param>
public sealed record BoardDepartment(string Name, int Waiting, DateTimeOffset? OldestWaitingSince, int AgentsAvailable, int AgentsAway, int SeatsFree);

/// <summary>An agent on the supervisor's board.</summary>
/// <param name="AgentId">The agent's id.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Status">available, away or disconnected.</param>
/// <param name="Departments">The departments it serves.</param>
/// <param name="Open">Open conversations.</param>
/// <param name="Capacity">Most conversations at once.</param>
/// <param name="IdleSince">Since when it has had nothing open; null while it has a conversation.</param>
/// <param name="LongestUnansweredConversationId">Its conversation whose customer has waited longest for an answer, or null.</param>
/// <param name="LongestUnansweredSince">Since when that customer waits, or null.</param>
public sealed record BoardAgent(string AgentId, string Name, string Status, IReadOnlyList<string> Departments, int Open, int Capacity,
    DateTimeOffset? IdleSince, string? LongestUnansweredConversationId, DateTimeOffset? LongestUnansweredSince);

/// <summary>An open conversation on the supervisor's board.</summary>
/// <param name="ConversationId">The conversation's id.</param>
/// <param name="Customer">The customer's name.</param>
/// <param name="Agent">The agent's name; null while queued.</param>
/// <param name="AgentId">The agent's id; null while queued.</param>
/// <param name="Department">Its department.</param>
/// <param name="Status">queued or active.</param>
/// <param name="StartedAt">When the customer joined.</param>
/// <param name="QueuedSince">When it joined its current queue; null while active.</param>
/// <param name="UnansweredSince">The customer's first message since the agent last wrote; null when the agent wrote last.</param>
public sealed record BoardConversation(string ConversationId, string Customer, string? Agent, string? AgentId, string Department, string Status,
    DateTimeOffset StartedAt, DateTimeOffset? QueuedSince, DateTimeOffset? UnansweredSince);

/// <summary>Today's figures (the UTC day).</summary>
/// <param name="Day">YYYY-MM-DD.</param>
/// <param name="Served">Conversations ended today that had an agent.</param>
/// <param name="Abandoned">Conversations ended today that never had one.</param>
/// <param name="RatingAverage">Average of today's ratings, 0 without any.</param>
/// <param name="RatingCount">How many ratings were given today.</param>
public sealed record BoardToday(string Day, int Served, int Abandoned, double RatingAverage, int RatingCount);
