namespace SupportChat.Server.Streams.Sessions;

/// <summary>
/// Where the answers to the commands being carried out go, when a caller waits for them rather than reading the stream:
/// a browser's unary call (BrowserCustomer.Send, Typing, Read, End) is carried out by the command loop of its Events
/// stream, by the same participant code as a command read from a bidi stream, and takes its own ack or error as its
/// reply. Flowing with the command's async context (not a field of the session) keeps the answer of a timer that fires
/// later (a coalesced read notice) or of a concurrent writer from ever being taken for the command in progress.
/// </summary>
internal static class CommandReplies
{
    private static readonly AsyncLocal<ICommandReplies?> Scope = new();

    /// <summary>The replies waited for by the commands being carried out in this async flow, if any.</summary>
    public static ICommandReplies? Current => Scope.Value;

    /// <summary>Sets the replies for the rest of the calling async method (an async method restores the value on return).</summary>
    public static void Enter(ICommandReplies replies) => Scope.Value = replies;
}

/// <summary>The answers some callers wait for.</summary>
internal interface ICommandReplies
{
    /// <summary>Sees an error or acks posted while the commands are carried out; true when the input answered a waiting
    /// caller and must not reach the stream as well.</summary>
    bool Take(SessionInput input);
}
