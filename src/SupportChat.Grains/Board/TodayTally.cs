using SupportChat.Domain.Conversations;

namespace SupportChat.Grains.Board;

/// <summary>
/// Today's served, abandoned and ratings. "Today" is the UTC calendar day: one rule for a cluster whose nodes and
/// supervisors may sit in different zones, and the one reports use by default. Conversations are kept by id, so a
/// report that arrives twice (a retry, a recovered grain) counts once, and a new rating of the same conversation
/// replaces the old one.
/// </summary>
internal sealed class TodayTally
{
    private readonly HashSet<string> _served = new(StringComparer.Ordinal);
    private readonly HashSet<string> _abandoned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _ratings = new(StringComparer.Ordinal);

    public TodayTally(DateTimeOffset now) => Day = DayOf(now);

    public DateOnly Day { get; private set; }

    public TodayFigures Figures => new(Day, _served.Count, _abandoned.Count,
        _ratings.Count == 0 ? 0 : Math.Round(_ratings.Values.Average(), 2), _ratings.Count);

    /// <summary>Whether the conversation ended today (so the board must not show it again).</summary>
    public bool HasEnded(string conversationId) => _served.Contains(conversationId) || _abandoned.Contains(conversationId);

    /// <summary>Starts a new day when <paramref name="now"/> is past the current one; true when it did.</summary>
    public bool Roll(DateTimeOffset now)
    {
        var day = DayOf(now);
        if (day <= Day)
        {
            return false;
        }

        Day = day;
        _served.Clear();
        _abandoned.Clear();
        _ratings.Clear();
        return true;
    }

    /// <summary>True when the figures changed.</summary>
    public bool Ended(string conversationId, DateTimeOffset endedAt, bool served)
    {
        Roll(endedAt);
        if (DayOf(endedAt) != Day || HasEnded(conversationId))
        {
            return false;
        }

        return (served ? _served : _abandoned).Add(conversationId);
    }

    /// <summary>True when the figures changed.</summary>
    public bool Rated(string conversationId, int score, DateTimeOffset ratedAt)
    {
        Roll(ratedAt);
        if (DayOf(ratedAt) != Day || _ratings.GetValueOrDefault(conversationId) == score)
        {
            return false;
        }

        _ratings[conversationId] = score;
        return true;
    }

    /// <summary>Takes in what the store says about today (when the board starts).</summary>
    public void Load(IEnumerable<ConversationRecord> conversations)
    {
        foreach (var c in conversations)
        {
            if (c.EndedAt is { } endedAt)
            {
                Ended(c.Id, endedAt, c.Agents.Count > 0);
            }

            if (c.Rating is { } rating)
            {
                Rated(c.Id, rating.Score, rating.RatedAt);
            }
        }
    }

    private static DateOnly DayOf(DateTimeOffset at) => DateOnly.FromDateTime(at.UtcDateTime);
}
