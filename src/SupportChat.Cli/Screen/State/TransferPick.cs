namespace SupportChat.Cli.Screen.State;

/// <summary>The agent is choosing where to transfer a conversation: the departments it may go to, one chosen.</summary>
internal sealed record TransferPick(string ConversationId, string CustomerName, IReadOnlyList<string> Choices, int Index)
{
    public string Choice => Choices[Index];

    public TransferPick Next() => this with { Index = (Index + 1) % Choices.Count };

    /// <summary>The line above the input while choosing: every choice, the current one in brackets, and the keys.</summary>
    public string Line() =>
        $"Transfer {CustomerName} to: {string.Join(" ", Choices.Select((d, i) => i == Index ? $"[{d}]" : d))} · F6 next · Enter transfer · Esc cancel";
}
