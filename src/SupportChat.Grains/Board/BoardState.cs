namespace SupportChat.Grains.Board;

/// <summary>
/// The board's rules, without Orleans: takes in what the grains report, works out the department and agent rows that
/// depend on it, and returns only the rows that changed (each as its new state). Reports are one-way and may arrive
/// out of order or twice: each carries its sender's version, and an older one than the board holds is ignored.
/// </summary>
internal sealed class BoardState(DateTimeOffset now)
{
    private readonly SortedDictionary<string, DepartmentBoardRow> _departments = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentBoardReport> _agentReports = new(StringComparer.Ordinal);
    private readonly Dictionary<string, AgentBoardRow> _agents = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ConversationBoardRow> _conversations = new(StringComparer.Ordinal);
    private readonly TodayTally _today = new(now);
    private readonly BoardIndex _index = new();

    /// <summary>Counts the steps that changed something.</summary>
    public long Version { get; private set; }

    public BoardSnapshot Snapshot(Guid epoch, DateTimeOffset at) => new(epoch, Version, [.. _departments.Values],
        [.. _agents.Values.OrderBy(a => a.Name, StringComparer.OrdinalIgnoreCase)],
        [.. _conversations.Values.OrderBy(c => c.StartedAt)], _today.Figures, at);

    /// <summary>The store's open conversations and today's ended and rated ones, when the board starts; the grains'
    /// own reports (newer versions) replace these rows as they come.</summary>
    public void Load(IEnumerable<Domain.Conversations.ConversationRecord> open, IEnumerable<Domain.Conversations.ConversationRecord> all)
    {
        _today.Load(all);
        foreach (var c in open)
        {
            var row = new ConversationBoardRow(c.Id, c.CustomerName, c.AgentId, c.AgentName, c.Department,
                c.Status == Domain.Conversations.ConversationStatus.Queued, c.StartedAt,
                c.Status == Domain.Conversations.ConversationStatus.Queued ? c.StartedAt : null, null);
            _index.Conversation(_conversations.GetValueOrDefault(c.Id), row);
            _conversations[c.Id] = row;
        }

        Recompute(_conversations.Values.Select(c => c.Department), _conversations.Values.Select(c => c.AgentId));
    }

    public IReadOnlyList<BoardChange> AddDepartments(IEnumerable<string> departments) => Step(changes =>
        Recompute(departments.Where(d => !_departments.ContainsKey(d)), [], changes));

    public IReadOnlyList<BoardChange> Conversation(ConversationBoardRow row) => Step(changes =>
    {
        var old = _conversations.GetValueOrDefault(row.ConversationId);
        if (old is not null && old.Version > row.Version || _today.HasEnded(row.ConversationId))
        {
            return;
        }

        _index.Conversation(old, row);
        _conversations[row.ConversationId] = row;
        if (old is null || old with { Version = 0 } != row with { Version = 0 })
        {
            changes.Add(new BoardChange { Conversation = row });
        }

        // Most changes are an active conversation's unanswered time: its department's line depends only on the waiting ones.
        var waitingChanged = old is null || (old.Queued, old.Department, old.QueuedSince) != (row.Queued, row.Department, row.QueuedSince);
        Recompute(waitingChanged ? [old?.Department, row.Department] : [], [old?.AgentId, row.AgentId], changes);
    });

    public IReadOnlyList<BoardChange> Ended(ConversationEndedReport report) => Step(changes =>
    {
        if (_today.Ended(report.ConversationId, report.EndedAt, report.Served))
        {
            changes.Add(new BoardChange { Today = _today.Figures });
        }

        if (_conversations.Remove(report.ConversationId, out var old))
        {
            _index.Conversation(old, null);
            changes.Add(new BoardChange { ConversationRemoved = report.ConversationId });
            Recompute(old.Queued ? [old.Department] : [], [old.AgentId], changes);
        }
    });

    public IReadOnlyList<BoardChange> Agent(AgentBoardReport report) => Step(changes =>
    {
        var old = _agentReports.GetValueOrDefault(report.AgentId);
        if (old is not null && old.Version > report.Version)
        {
            return;
        }

        _index.Agent(old, report);
        _agentReports[report.AgentId] = report;
        Recompute([.. old?.Departments ?? [], .. report.Departments], [report.AgentId], changes);
    });

    public IReadOnlyList<BoardChange> Rated(RatingReport report) => Step(changes =>
    {
        if (_today.Rated(report.ConversationId, report.Score, report.RatedAt))
        {
            changes.Add(new BoardChange { Today = _today.Figures });
        }
    });

    /// <summary>The clock moved on: at midnight (UTC) today's figures start again from nothing.</summary>
    public IReadOnlyList<BoardChange> Tick(DateTimeOffset now) => Step(changes =>
    {
        if (_today.Roll(now))
        {
            changes.Add(new BoardChange { Today = _today.Figures });
        }
    });

    private List<BoardChange> Step(Action<List<BoardChange>> apply)
    {
        var changes = new List<BoardChange>();
        apply(changes);
        if (changes.Count > 0)
        {
            Version++;
        }

        return changes;
    }

    private void Recompute(IEnumerable<string?> departments, IEnumerable<string?> agents, List<BoardChange>? changes = null)
    {
        foreach (var agentId in agents.OfType<string>().Distinct().ToList())
        {
            var row = AgentRow(agentId);
            if (row is null)
            {
                if (_agents.Remove(agentId))
                {
                    changes?.Add(new BoardChange { AgentRemoved = agentId });
                }
            }
            else if (!row.SameAs(_agents.GetValueOrDefault(agentId)))
            {
                _agents[agentId] = row;
                changes?.Add(new BoardChange { Agent = row });
            }
        }

        foreach (var name in departments.OfType<string>().Distinct().ToList())
        {
            var row = DepartmentRow(name);
            if (row != _departments.GetValueOrDefault(name))
            {
                _departments[name] = row;
                changes?.Add(new BoardChange { Department = row });
            }
        }
    }

    /// <summary>Null when the agent is not on the board: it has no stream and nothing open (signed off, or gone after
    /// its grace period), or only its conversations were loaded and it has not reported yet.</summary>
    private AgentBoardRow? AgentRow(string agentId)
    {
        if (_agentReports.GetValueOrDefault(agentId) is not { } report || !report.Online && report.Open == 0)
        {
            return null;
        }

        var status = !report.Online ? "disconnected" : report.Available ? "available" : "away";
        var waiting = _index.ActiveOf(agentId).Select(id => _conversations[id])
            .Where(c => c.UnansweredSince is not null)
            .MinBy(c => c.UnansweredSince);
        return new AgentBoardRow(agentId, report.Name, status, report.Departments, report.Open, report.Capacity,
            report.Open == 0 ? report.IdleSince : null, waiting?.ConversationId, waiting?.UnansweredSince);
    }

    private DepartmentBoardRow DepartmentRow(string name)
    {
        var queued = _index.QueuedIn(name).Select(id => _conversations[id]).ToList();
        var agents = _index.AgentsIn(name).Select(id => _agentReports[id]).Where(a => a.Online || a.Open > 0).ToList();
        var available = agents.Where(a => a.Online && a.Available).ToList();
        return new DepartmentBoardRow(name, queued.Count, queued.Min(c => c.QueuedSince), available.Count, agents.Count - available.Count,
            available.Sum(a => Math.Max(0, a.Capacity - a.Open)));
    }
}
