using System.Globalization;
using SupportChat.Client.Board;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Board;

/// <summary>The board as text lines (<c>admin watch --plain</c>, or when output is not a terminal): the tables at each
/// snapshot, then one line per change.</summary>
internal static class BoardPlain
{
    public static IEnumerable<string> Lines(BoardEvent boardEvent, BoardView view)
    {
        var at = DateTimeOffset.Now.ToString("HH:mm:ss", CultureInfo.InvariantCulture);
        switch (boardEvent)
        {
            case BoardSnapshot s:
                yield return $"{at} connected to {s.Server}. {view.Header()}";
                foreach (var line in BoardView.Table(BoardView.DepartmentColumns, view.DepartmentRows(), int.MaxValue)
                    .Concat(BoardView.Table(BoardView.AgentColumns, view.AgentRows(), int.MaxValue))
                    .Concat(BoardView.Table(BoardView.ConversationColumns, view.ConversationRows(), int.MaxValue)))
                {
                    yield return "  " + line;
                }

                break;
            case DepartmentChanged { Department: var d }:
                yield return $"{at} department {VisibleText.OneLine(d.Name)}: {d.Waiting} waiting (longest {view.Age(d.OldestWaitingSince)}), " +
                    $"{d.AgentsAvailable} available, {d.AgentsAway} away, {d.SeatsFree} seats free";
                break;
            case AgentChanged { Agent: var a }:
                yield return $"{at} agent {VisibleText.OneLine(a.Name)}: {a.Status}, {a.Open}/{a.Capacity} open" +
                    (a.LongestUnansweredSince is null ? string.Empty : $", a customer waits for an answer since {view.Age(a.LongestUnansweredSince)}");
                break;
            case AgentRemoved a:
                yield return $"{at} agent {a.AgentId} left";
                break;
            case ConversationChanged { Conversation: var c }:
                yield return $"{at} conversation {c.ConversationId} ({VisibleText.OneLine(c.Customer)}, {VisibleText.OneLine(c.Department)}): " +
                    (c.Status == "queued" ? "waiting" : $"with {VisibleText.OneLine(c.Agent ?? "-")}") +
                    (c.UnansweredSince is null ? string.Empty : $", unanswered for {view.Age(c.UnansweredSince)}");
                break;
            case ConversationRemoved c:
                yield return $"{at} conversation {c.ConversationId} ended";
                break;
            case TodayChanged:
                yield return $"{at} {view.Header()}";
                break;
            case BoardConnectionLost:
                yield return $"{at} {view.Problem}";
                break;
        }
    }
}
