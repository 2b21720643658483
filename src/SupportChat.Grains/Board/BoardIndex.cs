namespace SupportChat.Grains.Board;

/// <summary>
/// Which conversations and agents each board row is worked out from: an agent's active conversations, a department's
/// waiting conversations and its agents. A change then recomputes its rows from their own few entries instead of
/// scanning every conversation on the board, which with thousands open made each message cost milliseconds.
/// </summary>
internal sealed class BoardIndex
{
    private readonly Dictionary<string, HashSet<string>> _activeByAgent = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _queuedByDepartment = new(StringComparer.Ordinal);
    private readonly Dictionary<string, HashSet<string>> _agentsByDepartment = new(StringComparer.Ordinal);

    public void Conversation(ConversationBoardRow? old, ConversationBoardRow? now)
    {
        if (old is not null)
        {
            Remove(ConversationKey(old), old.ConversationId);
        }

        if (now is not null)
        {
            Add(ConversationKey(now), now.ConversationId);
        }
    }

    public void Agent(AgentBoardReport? old, AgentBoardReport now)
    {
        foreach (var department in old?.Departments ?? [])
        {
            Remove((_agentsByDepartment, department), old!.AgentId);
        }

        foreach (var department in now.Departments)
        {
            Add((_agentsByDepartment, department), now.AgentId);
        }
    }

    public IReadOnlyCollection<string> ActiveOf(string agentId) => Of(_activeByAgent, agentId);

    public IReadOnlyCollection<string> QueuedIn(string department) => Of(_queuedByDepartment, department);

    public IReadOnlyCollection<string> AgentsIn(string department) => Of(_agentsByDepartment, department);

    /// <summary>The set a conversation row belongs to: its department's waiting ones, or its agent's active ones.</summary>
    private (Dictionary<string, HashSet<string>> Index, string Key)? ConversationKey(ConversationBoardRow row) => row switch
    {
        { Queued: true } => (_queuedByDepartment, row.Department),
        { AgentId: { } agentId } => (_activeByAgent, agentId),
        _ => null,
    };

    private static void Add((Dictionary<string, HashSet<string>> Index, string Key)? set, string id)
    {
        if (set is { } s)
        {
            if (!s.Index.TryGetValue(s.Key, out var members))
            {
                s.Index[s.Key] = members = new HashSet<string>(StringComparer.Ordinal);
            }

            members.Add(id);
        }
    }

    private static void Remove((Dictionary<string, HashSet<string>> Index, string Key)? set, string id)
    {
        if (set is { } s && s.Index.TryGetValue(s.Key, out var members) && members.Remove(id) && members.Count == 0)
        {
            s.Index.Remove(s.Key);
        }
    }

    private static IReadOnlyCollection<string> Of(Dictionary<string, HashSet<string>> index, string key) =>
        index.TryGetValue(key, out var members) ? members : [];
}
