using System.Globalization;
using System.Text;
using SupportChat.Client.Events;
using SupportChat.Client.History;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Output;

/// <summary>A customer's own transcript as plain text, the same shape the web widget downloads: a header
/// (conversation, department, started), then one line per message, <c>[time] Name: text</c>. Times are local.</summary>
internal static class CustomerTranscriptText
{
    public static string Build(Transcript transcript)
    {
        var c = transcript.Conversation;
        var text = new StringBuilder();
        text.Append("Conversation: ").AppendLine(c.ConversationId);
        text.Append("Department: ").AppendLine(VisibleText.OneLine(c.Department));
        text.Append("Started: ").AppendLine(Time(c.StartedAt));
        text.AppendLine();
        foreach (var m in transcript.Messages)
        {
            // SupportChat's own notices (a transfer, a participant gone) have no person's name.
            var who = m.From == SenderRole.System ? "SupportChat" : VisibleText.OneLine(m.SenderName);
            text.Append('[').Append(Time(m.SentAt)).Append("] ").Append(who).Append(": ").AppendLine(VisibleText.OneLine(m.Text));
        }

        return text.ToString();
    }

    private static string Time(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
