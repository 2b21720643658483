namespace SupportChat.Cli.Plain;

/// <summary>Short handles (#1, #2, …) for an agent's conversations, so nobody types conversation ids.</summary>
internal sealed class HandleBook
{
    private readonly Dictionary<string, int> _byConversation = new(StringComparer.Ordinal);
    private readonly Dictionary<int, string> _byHandle = [];
    private readonly HashSet<string> _open = new(StringComparer.Ordinal);
    private int _next = 1;

    /// <summary>Where text without a handle goes: the last conversation addressed, else the only open one.</summary>
    public string? Current { get; private set; }

    public IReadOnlyCollection<string> Open => _open;

    public int HandleOf(string conversationId)
    {
        if (!_byConversation.TryGetValue(conversationId, out var handle))
        {
            handle = _next++;
            _byConversation[conversationId] = handle;
            _byHandle[handle] = conversationId;
        }

        return handle;
    }

    public string? ConversationOf(int handle) => _byHandle.GetValueOrDefault(handle);

    public void Opened(string conversationId)
    {
        HandleOf(conversationId);
        _open.Add(conversationId);
        Current ??= conversationId;
    }

    public void Closed(string conversationId)
    {
        _open.Remove(conversationId);
        if (Current == conversationId)
        {
            Current = _open.Count > 0 ? _open.OrderBy(HandleOf).First() : null;
        }
    }

    public void Select(string conversationId) => Current = conversationId;
}
