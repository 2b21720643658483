namespace SupportChat.Domain.Events;

/// <summary>The kinds of <see cref="ChatEvent"/>, as stored and as sent: stable strings, part of the public feed.</summary>
public static class ChatEventKinds
{
    public const string ConversationQueued = "conversation.queued";
    public const string ConversationAssigned = "conversation.assigned";
    public const string ConversationTransferred = "conversation.transferred";
    public const string ConversationEnded = "conversation.ended";
    public const string ConversationRated = "conversation.rated";
    public const string AgentSignedIn = "agent.signed_in";
    public const string AgentStatusChanged = "agent.status_changed";
    public const string AgentSignedOff = "agent.signed_off";

    public static readonly IReadOnlyList<string> All =
    [
        ConversationQueued, ConversationAssigned, ConversationTransferred, ConversationEnded, ConversationRated,
        AgentSignedIn, AgentStatusChanged, AgentSignedOff,
    ];

    public static bool IsKnown(string kind) => All.Contains(kind);
}
