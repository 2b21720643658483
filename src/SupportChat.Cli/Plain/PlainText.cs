using System.Globalization;
using SupportChat.Client.Events;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Plain;

/// <summary>Wording shared by the plain front ends. Text from other people is escaped so it cannot drive the terminal.</summary>
internal static class PlainText
{
    public static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("HH:mm", CultureInfo.InvariantCulture);

    public static string Safe(string text) => VisibleText.Escape(text);

    public static string Wait(TimeSpan wait) => wait.TotalMinutes >= 1
        ? $"about {Math.Ceiling(wait.TotalMinutes):0} min"
        : $"about {Math.Max(1, Math.Ceiling(wait.TotalSeconds)):0} s";

    public static string EndedBy(ConversationEnded ended, string self, string other)
    {
        var who = ended.By switch
        {
            Client.Events.EndedBy.Customer => self == "customer" ? "you" : "the customer",
            Client.Events.EndedBy.Agent => self == "agent" ? "you" : other,
            _ => "the system",
        };
        // The server's reason often just repeats who ended it; show it only when it adds something.
        var adds = ended.Reason.Length > 0 && !ended.Reason.EndsWith("ended the conversation", StringComparison.Ordinal);
        var reason = adds ? $" ({Safe(ended.Reason)})" : string.Empty;
        return $"ended by {who}{reason}";
    }

    public static string Problem(LineTerminal terminal, string code, string message) =>
        terminal.Paint($"! {Safe(message)}", Ansi.Red) + terminal.Paint($" [{code}]", Ansi.Dim);

    /// <summary>What a person needs to hear of the connection: lost (once, then every fifth try), back, or gone for good.</summary>
    public static void ShowConnection(LineTerminal terminal, ChatEvent connection)
    {
        switch (connection)
        {
            case Reconnecting { Attempt: 1 } r:
                terminal.WriteLine(terminal.Paint($"Connection lost ({Safe(r.Reason)}). Reconnecting…", Ansi.Yellow));
                break;
            case Reconnecting r when r.Attempt % 5 == 0:
                terminal.WriteLine(terminal.Paint($"Still reconnecting ({Safe(r.Reason)}); next try in {r.Delay.TotalSeconds:0} s…", Ansi.Yellow));
                break;
            case Reconnected:
                terminal.WriteLine(terminal.Paint("Reconnected.", Ansi.Green));
                break;
            case StreamClosed { Code: not ("OK" or "Cancelled") } c:
                terminal.WriteLine(Problem(terminal, c.Code, $"connection lost: {c.Message}"));
                break;
        }
    }
}
