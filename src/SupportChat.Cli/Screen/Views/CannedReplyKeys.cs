using SupportChat.Cli.Screen.State;
using SupportChat.Client.Canned;

namespace SupportChat.Cli.Screen.Views;

/// <summary>
/// The agent screen's canned-reply keys, on the input line: Tab turns the '/shortcut' before the caret into the reply's
/// text (placeholders filled for the conversation in view, the caret after it, ready to edit before Enter sends it);
/// F4 lists the replies with the input line as the filter, and the chosen one goes into the input line.
/// </summary>
internal sealed class CannedReplyKeys(AgentScreenState state, InputLine input)
{
    /// <summary>Set while the agent chooses a reply from the list.</summary>
    public CannedPick? Picking { get; private set; }

    /// <summary>Tab. An unknown shortcut (or no '/word' before the caret) leaves the input line as it is, with a notice.</summary>
    public void Expand()
    {
        var text = input.Text;
        var caret = input.Buffer.Caret;
        if (CannedBook.ShortcutBefore(text, caret) is not { } found)
        {
            state.ShowNotice("Tab expands a canned reply: type / and its shortcut first (F4 lists them).");
            return;
        }

        if (state.Canned.Find(found.Shortcut) is not { } reply)
        {
            state.ShowNotice($"There is no canned reply /{found.Shortcut} (F4 lists them).");
            return;
        }

        Put(text[..found.Start], reply, text[caret..]);
    }

    /// <summary>F4: starts choosing; false (with a notice) when there is nothing to choose from.</summary>
    public bool Begin()
    {
        if (state.Canned.Replies.Count == 0)
        {
            state.ShowNotice("There are no canned replies yet (an admin adds them with 'supportchat canned add').");
            return false;
        }

        Picking = new CannedPick(input.Text, state.Canned.Replies, 0);
        input.Text = string.Empty;
        return true;
    }

    /// <summary>The input line (the filter) changed while choosing.</summary>
    public void Filter()
    {
        if (Picking is { } pick)
        {
            Picking = pick.Filtered(state.Canned.Matching(input.Text));
        }
    }

    public void Move(int step) => Picking = Picking?.Move(step);

    /// <summary>Enter while choosing: the chosen reply goes after what the input line held before.</summary>
    public void Choose()
    {
        if (Picking is not { } pick)
        {
            return;
        }

        if (pick.Choice is not { } reply)
        {
            state.ShowNotice("No canned reply matches: change the filter, or Esc to cancel.");
            return;
        }

        Picking = null;
        var before = pick.SavedInput.Length == 0 || char.IsWhiteSpace(pick.SavedInput[^1]) ? pick.SavedInput : pick.SavedInput + " ";
        Put(before, reply, string.Empty);
    }

    /// <summary>Esc (or F4 again) while choosing: the input line as it was.</summary>
    public void Cancel()
    {
        if (Picking is { } pick)
        {
            Picking = null;
            input.Text = pick.SavedInput;
            state.ShowNotice("No canned reply chosen.");
        }
    }

    private void Put(string before, CannedReply reply, string after)
    {
        var (expanded, notice) = state.Expand(reply);
        input.Text = before + expanded;
        if (after.Length > 0)
        {
            // The rest of the line stays after it, and the caret goes back to the end of the reply.
            var caret = input.Buffer.Caret;
            input.Buffer.Insert(after);
            var moved = true;
            while (moved && input.Buffer.Caret > caret)
            {
                moved = input.Buffer.Left();
            }
        }

        state.ShowNotice(notice);
    }
}
