namespace SupportChat.Client.Events;

/// <summary>Who wrote a message.</summary>
public enum SenderRole
{
    /// <summary>The customer of the conversation.</summary>
    Customer = 1,

    /// <summary>The agent serving it.</summary>
    Agent = 2,

    /// <summary>The server itself (transfers, an agent or customer who left).</summary>
    System = 3,
}
