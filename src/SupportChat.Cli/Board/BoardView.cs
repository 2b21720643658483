using System.Globalization;
using SupportChat.Client.Board;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Board;

/// <summary>
/// The board as the supervisor's screen shows it: the rows the watch has told (a snapshot replaces them all), and
/// those rows as text lines with ages worked out from the clock at each redraw, so they tick without asking the
/// server. Read and changed on the screen's thread only.
/// </summary>
internal sealed class BoardView(TimeProvider time)
{
    private readonly SortedDictionary<string, BoardDepartment> _departments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoardAgent> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, BoardConversation> _conversations = new(StringComparer.Ordinal);
    // The server's clock minus this one's, from the last snapshot: ages are the server's.
    private TimeSpan _skew;

    public BoardToday? Today { get; private set; }

    /// <summary>Null while connected; what went wrong while the watch reconnects.</summary>
    public string? Problem { get; private set; }

    public Uri? Server { get; private set; }

    public void Apply(BoardEvent boardEvent)
    {
        switch (boardEvent)
        {
            case BoardSnapshot s:
                _departments.Clear();
                _agents.Clear();
                _conversations.Clear();
                foreach (var d in s.Departments)
                {
                    _departments[d.Name] = d;
                }

                foreach (var a in s.Agents)
                {
                    _agents[a.AgentId] = a;
                }

                foreach (var c in s.Conversations)
                {
                    _conversations[c.ConversationId] = c;
                }

                (Today, Problem, Server, _skew) = (s.Today, null, s.Server, s.At - time.GetUtcNow());
                break;
            case DepartmentChanged d:
                _departments[d.Department.Name] = d.Department;
                break;
            case AgentChanged a:
                _agents[a.Agent.AgentId] = a.Agent;
                break;
            case AgentRemoved a:
                _agents.Remove(a.AgentId);
                break;
            case ConversationChanged c:
                _conversations[c.Conversation.ConversationId] = c.Conversation;
                break;
            case ConversationRemoved c:
                _conversations.Remove(c.ConversationId);
                break;
            case TodayChanged t:
                Today = t.Today;
                break;
            case BoardConnectionLost lost:
                Problem = string.Create(CultureInfo.InvariantCulture, $"{lost.Message}; reconnecting in {lost.RetryIn.TotalSeconds:0.#} s (the figures below are from before)");
                break;
        }
    }

    public string Header()
    {
        var t = Today;
        return t is null
            ? "Today: -"
            : string.Create(CultureInfo.InvariantCulture, $"Today ({t.Day} UTC): served {t.Served} · abandoned {t.Abandoned} · rating {BoardJson.Rating(t)}");
    }

    public static readonly string[] DepartmentColumns = ["DEPARTMENT", "WAITING", "LONGEST WAIT", "AVAILABLE", "AWAY", "SEATS FREE"];

    public static readonly string[] AgentColumns = ["AGENT", "STATUS", "OPEN", "IDLE", "LONGEST UNANSWERED", "DEPARTMENTS"];

    public static readonly string[] ConversationColumns = ["CONVERSATION", "CUSTOMER", "AGENT", "DEPARTMENT", "STATUS", "AGE", "UNANSWERED"];

    public IReadOnlyList<string[]> DepartmentRows() => [.. _departments.Values.Select(d => new[]
    {
        VisibleText.OneLine(d.Name), Number(d.Waiting), Age(d.OldestWaitingSince), Number(d.AgentsAvailable), Number(d.AgentsAway), Number(d.SeatsFree),
    })];

    /// <summary>Agents whose customers wait longest first, then the rest by name.</summary>
    public IReadOnlyList<string[]> AgentRows() => [.. _agents.Values
        .OrderBy(a => a.LongestUnansweredSince ?? DateTimeOffset.MaxValue).ThenBy(a => a.Name, StringComparer.OrdinalIgnoreCase)
        .Select(a => new[]
        {
            VisibleText.OneLine(a.Name), a.Status, $"{Number(a.Open)}/{Number(a.Capacity)}", Age(a.IdleSince),
            a.LongestUnansweredSince is null ? "-" : $"{Age(a.LongestUnansweredSince)} ({a.LongestUnansweredConversationId})",
            VisibleText.OneLine(string.Join(",", a.Departments)),
        })];

    /// <summary>Waiting customers first (longest wait first), then active ones by how long their customer has waited for an answer.</summary>
    public IReadOnlyList<string[]> ConversationRows() => [.. _conversations.Values
        .OrderBy(c => c.Status == "queued" ? 0 : 1).ThenBy(c => c.Status == "queued" ? c.QueuedSince : c.UnansweredSince ?? DateTimeOffset.MaxValue)
        .ThenBy(c => c.StartedAt)
        .Select(c => new[]
        {
            c.ConversationId, VisibleText.OneLine(c.Customer), c.Agent is null ? "-" : VisibleText.OneLine(c.Agent), VisibleText.OneLine(c.Department),
            c.Status == "queued" ? $"waiting {Age(c.QueuedSince)}" : "active", Age(c.StartedAt), Age(c.UnansweredSince),
        })];

    /// <summary>Rows laid out in columns as wide as their widest cell, cut to <paramref name="width"/>.</summary>
    public static IReadOnlyList<string> Table(string[] header, IReadOnlyList<string[]> rows, int width)
    {
        var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
        return [.. new[] { header }.Concat(rows).Select(r => Fit(string.Join("  ", r.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd(), width))];
    }

    /// <summary>A duration as "42s", "3m05s", "2h14m"; "-" for none.</summary>
    public string Age(DateTimeOffset? since)
    {
        if (since is not { } at)
        {
            return "-";
        }

        var age = time.GetUtcNow() + _skew - at;
        if (age < TimeSpan.Zero)
        {
            age = TimeSpan.Zero;
        }

        return age.TotalHours >= 1
            ? string.Create(CultureInfo.InvariantCulture, $"{(int)age.TotalHours}h{age.Minutes:00}m")
            : age.TotalMinutes >= 1
                ? string.Create(CultureInfo.InvariantCulture, $"{age.Minutes}m{age.Seconds:00}s")
                : string.Create(CultureInfo.InvariantCulture, $"{age.Seconds}s");
    }

    private static string Number(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Fit(string line, int width) => line.Length <= width ? line : width <= 1 ? line[..Math.Max(0, width)] : line[..(width - 1)] + "…";
}
