namespace SupportChat.Cli.Screen.State;

/// <summary>One of the agent's open conversations as the list and the transcript pane show it.</summary>
internal sealed class AgentConversation(string id, string customerName, string department, DateTimeOffset since)
{
    public string Id { get; } = id;

    public string CustomerName { get; } = customerName;

    public string Department { get; set; } = department;

    /// <summary>The customer's e-mail, shown in the transcript's title; empty when it gave none.</summary>
    public string CustomerEmail { get; init; } = string.Empty;

    /// <summary>When the agent got it: the list shows how long ago.</summary>
    public DateTimeOffset Since { get; } = since;

    public ScreenTranscript Transcript { get; } = new();

    /// <summary>Messages from the customer not yet seen in the transcript pane.</summary>
    public int Unread { get; set; }

    /// <summary>Assigned and not yet looked at.</summary>
    public bool IsNew { get; set; } = true;

    /// <summary>Until when the customer counts as typing.</summary>
    public DateTimeOffset TypingUntil { get; set; }

    public bool IsTyping(DateTimeOffset now) => now < TypingUntil;
}
