namespace SupportChat.Grains.Presence;

/// <summary>Section "Chat": how long a participant whose connection dropped is waited for, and how long an ended
/// conversation stays in memory.</summary>
public sealed class PresenceOptions
{
    public const string SectionName = "Chat";

    /// <summary>After this, a vanished agent's open conversations go back to the front of their queues.</summary>
    public TimeSpan AgentGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>After this, a vanished customer's conversation ends as abandoned.</summary>
    public TimeSpan CustomerGrace { get; set; } = TimeSpan.FromSeconds(120);

    /// <summary>How long a conversation that has ended (or was never opened) stays in memory for late calls (a resume, an
    /// unsubscribe, a last read) before its activation goes; it comes back from the store if asked again.</summary>
    public TimeSpan EndedLinger { get; set; } = TimeSpan.FromSeconds(30);
}
