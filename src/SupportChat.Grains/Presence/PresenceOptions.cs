namespace SupportChat.Grains.Presence;

/// <summary>Section "Chat": how long a participant whose connection dropped is waited for.</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Chat";

    /// <summary>After this, a vanished agent's open conversations go back to the front of their queues.</summary>
    public TimeSpan AgentGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this, a vanished customer's conversation ends as abandoned.</summary>
    public TimeSpan CustomerGrace { get; set; } = TimeSpan.FromSeconds(120);
}
