namespace SupportChat.Cli.Plain;

/// <summary>The few colours plain mode uses (only on a terminal, and never with NO_COLOR).</summary>
internal static class Ansi
{
    public const string Reset = "\u001b[0m";
    public const string Dim = "\u001b[2m";
    public const string Bold = "\u001b[1m";
    public const string Cyan = "\u001b[36m";
    public const string Green = "\u001b[32m";
    public const string Yellow = "\u001b[33m";
    public const string Red = "\u001b[31m";
    public const string Magenta = "\u001b[35m";
}
