using Orleans.Runtime;

namespace SupportChat.Grains.Conversations;

/// <summary>
/// Marks the call that opens a new conversation, so that the activation it creates does not first read the store for
/// a conversation that cannot be there: the id was just drawn at random by the edge (65 bits). Orleans hands the
/// request context of the call that causes an activation to <c>OnActivateAsync</c>; the mark names the conversation, so
/// it means nothing to any other grain the call reaches.
/// </summary>
public static class NewConversation
{
    private const string Key = "supportchat.opening";

    /// <summary>Runs <paramref name="open"/> with the mark set, and removes it after (the request context flows on with the
    /// caller's later calls otherwise).</summary>
    public static async Task OpenAsync(string conversationId, Func<Task> open)
    {
        RequestContext.Set(Key, conversationId);
        try
        {
            await open();
        }
        finally
        {
            RequestContext.Remove(Key);
        }
    }

    internal static bool IsOpening(string conversationId) => RequestContext.Get(Key) is string id && id == conversationId;
}
