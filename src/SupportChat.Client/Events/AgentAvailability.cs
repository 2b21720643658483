namespace SupportChat.Client.Events;

/// <summary>Whether an agent takes new conversations.</summary>
public enum AgentAvailability
{
    /// <summary>Takes new conversations up to its capacity.</summary>
    Available,

    /// <summary>Keeps its open conversations but gets no new ones.</summary>
    Away,
}
