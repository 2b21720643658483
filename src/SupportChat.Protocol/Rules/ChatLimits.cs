namespace SupportChat.Protocol.Rules;

public static class ChatLimits
{
    public const int MaxTextLength = 4000;
    public const int MaxNameLength = 100;
    public const int MaxTitleLength = 100;
    public const int MaxDepartmentLength = 50;
    public const int MaxClientMsgIdLength = 64;
    public const int MaxConversationIdLength = 64;
    public const int MaxCommentLength = 1000;
    public const int MaxEmailLength = 254;
    public const int MinRating = 1;
    public const int MaxRating = 5;

    public const int MaxCapacity = 100;

    /// <summary>Conversations an agent's hello may name to resume: no more than an agent can hold. Each one it names
    /// that is no longer its own costs an event, so more would let one hello flood its own stream.</summary>
    public const int MaxCursors = MaxCapacity;
    public const int DefaultCapacity = 3;
}
