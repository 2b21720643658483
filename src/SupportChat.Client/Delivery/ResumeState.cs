using SupportChat.Client.Events;

namespace SupportChat.Client.Delivery;

/// <summary>
/// What a resume needs, kept across a session's streams: the highest seq shown in each conversation, the
/// conversations still open (an agent's cursors) and the customer's identity from its welcome. The translator
/// keeps it up to date as it shows events; every hello is built from it.
/// </summary>
/// <remarks>Changed by the reader loop only. A stream's hello is read from it before that stream has anything to
/// read, so the two do not overlap.</remarks>
internal sealed class ResumeState
{
    private readonly Dictionary<string, long> _shown = new(StringComparer.Ordinal);
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private CustomerWelcome? _welcome;

    /// <param name="resumed">The customer's way back to an earlier conversation, when it starts with one.</param>
    public ResumeState(CustomerResume? resumed = null)
    {
        if (resumed is not null)
        {
            _welcome = new CustomerWelcome(resumed.CustomerId, resumed.SessionToken, resumed.ConversationId, string.Empty);
            _shown[resumed.ConversationId] = resumed.LastSeq;
        }
    }

    /// <summary>The customer's id, once welcomed (or resuming); null for an agent.</summary>
    public string? CustomerId => _welcome?.CustomerId;

    /// <summary>A customer's way back to its conversation, once the server has welcomed it.</summary>
    public CustomerResume? CustomerResume =>
        _welcome is { } w ? new CustomerResume(w.CustomerId, w.SessionToken, w.ConversationId, LastShown(w.ConversationId)) : null;

    /// <summary>An agent's open conversations and the highest seq shown in each: its cursors for a resume.</summary>
    public IReadOnlyDictionary<string, long> OpenCursors => _open.ToDictionary(id => id, LastShown, StringComparer.Ordinal);

    /// <summary>The highest seq shown in a conversation (0 before any).</summary>
    public long LastShown(string conversationId) => _shown.GetValueOrDefault(conversationId);

    /// <summary>Records <paramref name="seq"/> as shown when it is above everything shown in its conversation;
    /// false when it is not news (exactly once on the screen).</summary>
    public bool TryShow(string conversationId, long seq)
    {
        if (seq <= LastShown(conversationId))
        {
            return false;
        }

        _shown[conversationId] = seq;
        return true;
    }

    /// <summary>The server welcomed the customer: its ids and token are what a resume presents.</summary>
    public void Welcomed(CustomerWelcome welcome) => _welcome = welcome;

    /// <summary>A conversation was assigned: resumed with a cursor until it ends.</summary>
    public void Opened(string conversationId) => _open.Add(conversationId);

    /// <summary>A conversation ended: nothing to resume there, and nothing of it is shown any more. Should it be assigned
    /// here again (an agent who transferred it to a department of her own and has room), the server replays its history
    /// as to any agent who takes it over, and all of it is news to the front end, which dropped the conversation.</summary>
    public void Ended(string conversationId)
    {
        _open.Remove(conversationId);
        _shown.Remove(conversationId);
    }
}
