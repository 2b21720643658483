namespace SupportChat.Domain.Conversations;

public enum ConversationStatus
{
    Queued = 1,
    Active = 2,
    Ended = 3,
}
