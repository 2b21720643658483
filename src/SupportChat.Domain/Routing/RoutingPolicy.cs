namespace SupportChat.Domain.Routing;

/// <summary>
/// Picks the agent for the next customer: available and below capacity, fewest open conversations,
/// ties to the one idle longest (then by id, so the choice is deterministic).
/// </summary>
public static class RoutingPolicy
{
    public static AgentSlot? Choose(IEnumerable<AgentSlot> agents)
    {
        AgentSlot? best = null;
        foreach (var agent in agents)
        {
            if (!agent.HasRoom)
            {
                continue;
            }

            if (best is null || IsBetter(agent, best))
            {
                best = agent;
            }
        }

        return best;
    }

    private static bool IsBetter(AgentSlot candidate, AgentSlot current)
    {
        if (candidate.OpenConversations != current.OpenConversations)
        {
            return candidate.OpenConversations < current.OpenConversations;
        }

        if (candidate.IdleSince != current.IdleSince)
        {
            return candidate.IdleSince < current.IdleSince;
        }

        return string.CompareOrdinal(candidate.AgentId, current.AgentId) < 0;
    }
}
