namespace SupportChat.Client.Events;

/// <summary>Who ended a conversation.</summary>
public enum EndedBy
{
    /// <summary>The customer left or ended it.</summary>
    Customer = 1,

    /// <summary>The agent ended it (or, for that agent, transferred it away).</summary>
    Agent = 2,

    /// <summary>The server: the customer did not come back in time, or the conversation was no longer this agent's.</summary>
    System = 3,
}
