using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Agents;

/// <summary>Issue 21: a conversation handed to this agent by name, not offered by a queue.</summary>
public sealed partial class AgentGrain
{
    /// <summary>The same rule a queue's offer meets (<see cref="TryReserve"/>), but with the reason said: the handing
    /// agent has to hear why its colleague cannot take the conversation.</summary>
    public async Task<HandoverAnswer> TryTakeHandover(string conversationId)
    {
        if (_profile is not { } profile || !Online)
        {
            return Refused($"{DisplayName} is not signed in.");
        }

        if (!_available)
        {
            return Refused($"{profile.Name} is away.");
        }

        if (_open.Contains(conversationId))
        {
            return Refused($"{profile.Name} already has conversation {conversationId}.");
        }

        if (_open.Count >= profile.Capacity)
        {
            return Refused($"{profile.Name} is at capacity ({_open.Count} of {profile.Capacity} conversations).");
        }

        _open.Add(conversationId);
        await PublishAsync([]);
        return new HandoverAnswer(true, string.Empty, profile.Name, profile.Title);
    }

    private static HandoverAnswer Refused(string reason) => new(false, reason, string.Empty, string.Empty);
}
