namespace SupportChat.Cli.Screen.State;

/// <summary>The customer's answer to "how was it?": a score 1–5 and an optional comment.</summary>
internal sealed record RatingAnswer(int Score, string Comment)
{
    /// <summary>"5", "4 quick and kind", … ; null when the line does not start with a score from 1 to 5.</summary>
    public static RatingAnswer? Parse(string line)
    {
        var trimmed = line.Trim();
        if (trimmed.Length == 0 || trimmed[0] is < '1' or > '5' || (trimmed.Length > 1 && !char.IsWhiteSpace(trimmed[1])))
        {
            return null;
        }

        return new RatingAnswer(trimmed[0] - '0', trimmed[1..].Trim());
    }
}
