namespace SupportChat.Domain;

/// <summary>A user-visible rule was broken; carries the precise code the client should see.</summary>
public sealed class ChatException(ErrorCode code, string message) : Exception(message)
{
    public ErrorCode Code { get; } = code;

    public static ChatException InvalidArgument(string message) => new(ErrorCode.InvalidArgument, message);

    public static ChatException NotFound(string message) => new(ErrorCode.NotFound, message);

    public static ChatException FailedPrecondition(string message) => new(ErrorCode.FailedPrecondition, message);

    public static ChatException PermissionDenied(string message) => new(ErrorCode.PermissionDenied, message);

    /// <summary>
    /// The one answer for a conversation the caller is not in, whether someone else's, missing, or an id that could
    /// never exist: every refusal uses these words, so the answer cannot tell them apart.
    /// </summary>
    public static ChatException NotAParticipant(string conversationId) => PermissionDenied(NotAParticipantMessage(conversationId));

    public static string NotAParticipantMessage(string conversationId) => $"you are not a participant of conversation {conversationId}.";

    public static ChatException ResourceExhausted(string message) => new(ErrorCode.ResourceExhausted, message);

    public static ChatException Unauthenticated(string message) => new(ErrorCode.Unauthenticated, message);

    public static ChatException OutOfRange(string message) => new(ErrorCode.OutOfRange, message);

    public static ChatException Unavailable(string message) => new(ErrorCode.Unavailable, message);
}
