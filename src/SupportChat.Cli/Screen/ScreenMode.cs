namespace SupportChat.Cli.Screen;

/// <summary>Whether a person at a real terminal gets the full-screen interface.</summary>
internal static class ScreenMode
{
    /// <summary>True when neither --json nor --plain was asked for and both standard input and output are a
    /// terminal that can draw (not TERM=dumb).</summary>
    public static bool FullScreen(bool json, bool plain) =>
        !json && !plain && !Console.IsInputRedirected && !Console.IsOutputRedirected
        && Environment.GetEnvironmentVariable("TERM") is not "dumb";

    /// <summary>Asks for a name on the terminal (the demo asked for first and last name); null at end of input.</summary>
    public static string? PromptName(string question)
    {
        while (true)
        {
            Console.Write(question);
            var answer = Console.ReadLine();
            if (answer is null)
            {
                return null;
            }

            if (answer.Trim().Length > 0)
            {
                return answer.Trim();
            }
        }
    }
}
