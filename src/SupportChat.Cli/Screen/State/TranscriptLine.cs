namespace SupportChat.Cli.Screen.State;

/// <summary>Who a transcript line is from, as the screen tells them apart.</summary>
internal enum LineKind
{
    Own,
    Peer,
    System,

    /// <summary>Issue 21: a private note (agents only), shown in its place among the messages.</summary>
    Note,
}

/// <summary>One message as a screen shows it. <see cref="Text"/> and <see cref="Who"/> are already escaped:
/// nothing another person typed can reach the terminal raw. <see cref="Note"/> marks an own message the server has
/// not stored (yet).</summary>
internal sealed record TranscriptLine(long Seq, DateTimeOffset At, string Who, LineKind Kind, string Text, string? Note = null)
{
    public string Format() => $"[{At.ToLocalTime():HH:mm}] {Who}{Marks()}: {Text}";

    private string Marks() => (Kind, Note) switch
    {
        (LineKind.Own, null) => " (you)",
        (LineKind.Own, { } note) => $" (you, {note})",
        (LineKind.Note, { } note) => $" ({note})",
        _ => string.Empty,
    };
}
