using SupportChat.Client.Canned;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Screen.State;

/// <summary>The agent is choosing a canned reply (F4): the input line is the filter, the matches show in the transcript
/// pane, one chosen; <see cref="SavedInput"/> is what the input line held before, given back on Esc.</summary>
internal sealed record CannedPick(string SavedInput, IReadOnlyList<CannedReply> Matches, int Index)
{
    public CannedReply? Choice => Index >= 0 && Index < Matches.Count ? Matches[Index] : null;

    public CannedPick Filtered(IReadOnlyList<CannedReply> matches) => this with { Matches = matches, Index = matches.Count == 0 ? -1 : 0 };

    public CannedPick Move(int step) =>
        Matches.Count == 0 ? this : this with { Index = ((Index + step) % Matches.Count + Matches.Count) % Matches.Count };

    /// <summary>What the transcript pane shows meanwhile: the matches, the chosen one marked, each reply on one line.</summary>
    public string Text()
    {
        if (Matches.Count == 0)
        {
            return "No canned reply matches what you typed. Esc gives the input line back.";
        }

        var lines = Matches.Select((r, i) =>
            $"{(i == Index ? "▶" : " ")} /{r.Shortcut}  {VisibleText.Escape(r.Text.Replace("\n", "↵", StringComparison.Ordinal), keepNewlines: false)}");
        return "Canned replies (↑/↓, Enter, Esc):\n\n" + string.Join("\n", lines);
    }

    public static string Line => "Choose a canned reply · type to filter · ↑/↓ · Enter insert · Esc cancel";
}
