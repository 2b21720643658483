using System.Globalization;
using SupportChat.Client.Events;
using SupportChat.Client.History;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Output;

/// <summary>History as a table and transcripts for people, or JSON lines for scripts.</summary>
internal static class HistoryOutput
{
    public static void WriteList(IReadOnlyList<ConversationSummary> conversations, bool json)
    {
        if (json)
        {
            foreach (var c in conversations)
            {
                JsonLines.Write(JsonEvents.Summary(c));
            }

            return;
        }

        if (conversations.Count == 0)
        {
            Console.Out.WriteLine("No conversations yet.");
            return;
        }

        string[] header = ["ID", "CUSTOMER", "AGENTS", "DEPARTMENT", "STARTED", "ENDED", "MESSAGES", "RATING"];
        var rows = conversations.Select(c => new[]
        {
            c.ConversationId, VisibleText.OneLine(c.CustomerName), c.Agents.Count == 0 ? "-" : VisibleText.OneLine(string.Join(", ", c.Agents)), VisibleText.OneLine(c.Department),
            Local(c.StartedAt), c.EndedAt is { } ended ? Local(ended) : $"({c.Status})", c.MessageCount.ToString(CultureInfo.InvariantCulture),
            c.Rating is { } rating ? $"{rating}/5" : "-",
        }).ToList();
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Max(r => r[i].Length))).ToArray();
        Console.Out.WriteLine(Row(header, widths));
        foreach (var row in rows)
        {
            Console.Out.WriteLine(Row(row, widths));
        }
    }

    public static void WriteTranscript(Transcript transcript, bool json)
    {
        if (json)
        {
            foreach (var item in InOrder(transcript))
            {
                JsonLines.Write(item is NoteReceived n ? JsonEvents.Note(n, withType: false) : JsonEvents.Message((MessageReceived)item, withType: false));
            }

            return;
        }

        var c = transcript.Conversation;
        var agents = c.Agents.Count == 0 ? "no agent yet" : "with " + VisibleText.OneLine(string.Join(", ", c.Agents));
        var ended = c.EndedAt is { } at ? $"ended {Local(at)}" : c.Status;
        Console.Out.WriteLine($"Conversation {c.ConversationId}: {VisibleText.OneLine(c.CustomerName)} {agents}, {VisibleText.OneLine(c.Department)}, started {Local(c.StartedAt)}, {ended}, {c.MessageCount} messages");
        if (c.Rating is { } rating)
        {
            var comment = c.RatingComment.Length == 0 ? string.Empty : $": \"{VisibleText.OneLine(c.RatingComment)}\"";
            Console.Out.WriteLine($"Rated {rating}/5 by the customer{comment}");
        }

        foreach (var item in InOrder(transcript))
        {
            if (item is NoteReceived n)
            {
                // Issue 21: only agents' and admins' transcripts have notes; marked so nobody reads one as a message.
                Console.Out.WriteLine($"   -  [{n.WrittenAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}] NOTE by {VisibleText.OneLine(n.AuthorName)} (private): {VisibleText.OneLine(n.Text)}");
                continue;
            }

            var m = (MessageReceived)item;
            // SupportChat's own notices (a transfer, a participant gone) are from "system", as in the JSON's "from".
            var who = m.From == SenderRole.System ? JsonLines.Role(m.From) : $"{VisibleText.OneLine(m.SenderName)} ({JsonLines.Role(m.From)})";
            Console.Out.WriteLine($"{m.Seq,4}  [{m.SentAt.ToLocalTime().ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)}] {who}: {VisibleText.OneLine(m.Text)}");
        }
    }

    /// <summary>Messages in seq order with each note right after the message it was written after.</summary>
    private static IEnumerable<ChatEvent> InOrder(Transcript transcript)
    {
        var notes = transcript.Notes.OrderBy(n => n.AfterSeq).ThenBy(n => n.NoteSeq).ToList();
        var next = 0;
        foreach (var m in transcript.Messages)
        {
            for (; next < notes.Count && notes[next].AfterSeq < m.Seq; next++)
            {
                yield return notes[next];
            }

            yield return m;
        }

        for (; next < notes.Count; next++)
        {
            yield return notes[next];
        }
    }

    private static string Row(string[] cells, int[] widths) =>
        string.Join("  ", cells.Select((cell, i) => i == cells.Length - 1 ? cell : cell.PadRight(widths[i]))).TrimEnd();

    private static string Local(DateTimeOffset at) => at.ToLocalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

}
