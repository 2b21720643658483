using SupportChat.Domain.Messages;
using SupportChat.Domain.Reports;

namespace SupportChat.Storage;

/// <summary>
/// The report's one query, the same text for SQLite and PostgreSQL but for how a stored time becomes Unix
/// milliseconds (<see cref="StoreRows.EpochMs"/>).
///
/// A conversation's business events cut it into <em>stays</em>: each <c>conversation.queued</c> starts one in its
/// department; the first <c>conversation.assigned</c> after it is the pickup; the next <c>queued</c> (a transfer or a
/// return to the queue) or <c>ended</c> closes it. Every figure is then a fact with the time at which it completed, and
/// a fact counts in the period (and the day) that holds that time: a conversation when the customer joined, a pickup
/// (served, its wait) when it happened, a first response when the agent wrote it, handling and abandonment when the
/// stay closed, a message when it was sent, a rating when it was given. So a conversation that spans the period's edge
/// adds to each period what happened in it, and a transferred one counts for each department and agent that had it.
///
/// Medians are the middle value (the mean of the two middle ones for an even count); p90 is by nearest rank.
/// </summary>
internal static class ReportSql
{
    private const int AgentRole = (int)SenderRole.Agent;
    private const int CustomerRole = (int)SenderRole.Customer;
    private const string MsPerDay = "86400000";

    public static string Build(StoreRows rows, ReportGrouping by)
    {
        var group = by switch
        {
            ReportGrouping.Day => $"CAST(f.at_ms / {MsPerDay} AS TEXT)",
            ReportGrouping.Agent => "f.agent_id",
            ReportGrouping.Department => "f.department",
            _ => "'*'",
        };

        // Facts with no agent (a customer joining, abandoning, writing) have no row by agent.
        var agentsOnly = by == ReportGrouping.Agent ? "AND f.agent_id IS NOT NULL" : string.Empty;
        var label = by == ReportGrouping.Agent ? "(SELECT MAX(x.agent_name) FROM sel x WHERE x.grp = g.grp)" : "NULL";

        return $"""
            WITH ev AS (
                SELECT e.cursor AS cur, e.kind, {rows.EpochMs("e.at")} AS at_ms, e.conversation_id, e.department, e.agent_id, e.agent_name
                FROM events e
                WHERE e.kind IN ('conversation.queued', 'conversation.assigned', 'conversation.ended')
            ),
            stay_bounds AS (
                SELECT q.conversation_id, q.cur AS queued_cur, q.at_ms AS queued_at, q.department,
                    (SELECT MIN(n.cur) FROM ev n
                     WHERE n.conversation_id = q.conversation_id AND n.cur > q.cur AND n.kind <> 'conversation.assigned') AS close_cur,
                    CASE WHEN EXISTS (SELECT 1 FROM ev p WHERE p.conversation_id = q.conversation_id AND p.cur < q.cur) THEN 0 ELSE 1 END AS is_join
                FROM ev q
                WHERE q.kind = 'conversation.queued'
            ),
            stay AS (
                SELECT b.conversation_id, b.department, b.queued_at, b.is_join,
                    a.at_ms AS assigned_at, a.agent_id, a.agent_name, c.at_ms AS closed_at, c.kind AS close_kind
                FROM stay_bounds b
                LEFT JOIN ev c ON c.cur = b.close_cur
                LEFT JOIN ev a ON a.cur = (
                    SELECT MIN(x.cur) FROM ev x
                    WHERE x.conversation_id = b.conversation_id AND x.kind = 'conversation.assigned'
                      AND x.cur > b.queued_cur AND (b.close_cur IS NULL OR x.cur < b.close_cur))
            ),
            msg AS (
                SELECT m.conversation_id, {rows.EpochMs("m.sent_at")} AS at_ms, m.sender_role, m.sender_id, m.sender_name
                FROM messages m
                WHERE m.sender_role IN ({CustomerRole}, {AgentRole})
            ),
            pickup AS (
                SELECT s.conversation_id, s.department, s.agent_id, s.agent_name, s.queued_at, s.assigned_at, s.closed_at,
                    (SELECT MIN(g.at_ms) FROM msg g
                     WHERE g.conversation_id = s.conversation_id AND g.sender_role = {AgentRole} AND g.sender_id = s.agent_id
                       AND g.at_ms >= s.assigned_at AND (s.closed_at IS NULL OR g.at_ms <= s.closed_at)) AS replied_at
                FROM stay s
                WHERE s.assigned_at IS NOT NULL
            ),
            facts AS (
                SELECT 'joined' AS figure, s.queued_at AS at_ms, s.department, NULL AS agent_id, NULL AS agent_name, s.conversation_id, NULL AS val
                FROM stay s WHERE s.is_join = 1
                UNION ALL
                SELECT 'served', p.assigned_at, p.department, p.agent_id, p.agent_name, p.conversation_id, (p.assigned_at - p.queued_at) / 1000.0
                FROM pickup p
                UNION ALL
                SELECT 'replied', p.replied_at, p.department, p.agent_id, p.agent_name, p.conversation_id, (p.replied_at - p.assigned_at) / 1000.0
                FROM pickup p WHERE p.replied_at IS NOT NULL
                UNION ALL
                SELECT 'handled', p.closed_at, p.department, p.agent_id, p.agent_name, p.conversation_id, (p.closed_at - p.assigned_at) / 1000.0
                FROM pickup p WHERE p.closed_at IS NOT NULL
                UNION ALL
                SELECT 'abandoned', s.closed_at, s.department, NULL, NULL, s.conversation_id, NULL
                FROM stay s WHERE s.assigned_at IS NULL AND s.close_kind = 'conversation.ended'
                UNION ALL
                SELECT 'message', g.at_ms, COALESCE(s.department, c.department),
                    CASE WHEN g.sender_role = {AgentRole} THEN g.sender_id END, CASE WHEN g.sender_role = {AgentRole} THEN g.sender_name END,
                    g.conversation_id, NULL
                FROM msg g
                JOIN conversations c ON c.id = g.conversation_id
                LEFT JOIN stay s ON s.conversation_id = g.conversation_id AND g.at_ms >= s.queued_at AND (s.closed_at IS NULL OR g.at_ms < s.closed_at)
                UNION ALL
                SELECT 'rated', {rows.EpochMs("r.rated_at")}, c.department, c.agent_id, c.agent_name, r.conversation_id, r.score
                FROM ratings r
                JOIN conversations c ON c.id = r.conversation_id
            ),
            sel AS (
                SELECT f.figure, f.at_ms, f.department, f.agent_id, f.agent_name, f.conversation_id, f.val, {group} AS grp
                FROM facts f
                WHERE f.at_ms >= @since AND f.at_ms < @until {agentsOnly}
            ),
            ranked AS (
                SELECT r.grp, r.figure, r.val,
                    ROW_NUMBER() OVER (PARTITION BY r.grp, r.figure ORDER BY r.val) AS rn,
                    COUNT(*) OVER (PARTITION BY r.grp, r.figure) AS n
                FROM sel r
                WHERE r.figure IN ('served', 'replied', 'handled')
            )
            SELECT g.grp,
                {label} AS label,
                COUNT(DISTINCT CASE WHEN g.figure = 'joined' THEN g.conversation_id END) AS conversations,
                COUNT(DISTINCT CASE WHEN g.figure = 'served' THEN g.conversation_id END) AS served,
                COUNT(DISTINCT CASE WHEN g.figure = 'abandoned' THEN g.conversation_id END) AS abandoned,
                {Median("served")} AS wait_median,
                (SELECT CAST(MAX(k.val) AS DOUBLE PRECISION) FROM ranked k
                 WHERE k.grp = g.grp AND k.figure = 'served' AND k.rn = (9 * k.n + 9) / 10) AS wait_p90,
                {Median("replied")} AS first_response_median,
                {Median("handled")} AS handling_median,
                SUM(CASE WHEN g.figure = 'message' THEN 1 ELSE 0 END) AS messages,
                CAST(AVG(CASE WHEN g.figure = 'rated' THEN g.val END) AS DOUBLE PRECISION) AS rating_average,
                SUM(CASE WHEN g.figure = 'rated' THEN 1 ELSE 0 END) AS rating_count
            FROM sel g
            GROUP BY g.grp
            ORDER BY g.grp
            """;
    }

    private static string Median(string figure) =>
        $"(SELECT CAST(AVG(k.val) AS DOUBLE PRECISION) FROM ranked k WHERE k.grp = g.grp AND k.figure = '{figure}' AND k.rn IN ((k.n + 1) / 2, (k.n + 2) / 2))";
}
