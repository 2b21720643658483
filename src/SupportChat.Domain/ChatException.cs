namespace SupportChat.Domain;

/// <summary>A user-visible rule was broken; carries the precise code the client should see.</summary>
/// <remarks>The code also travels in <see cref="Exception.Data"/>, which grain-call exception
/// serialization preserves where custom properties would be lost.</remarks>
public sealed class ChatException : Exception
{
    private const string CodeKey = "supportchat:code";

    public ChatException(ErrorCode code, string message)
        : base(message)
    {
        Data[CodeKey] = code.ToString();
    }

    public ErrorCode Code => TryGetCode(this) ?? ErrorCode.InvalidArgument;

    /// <summary>The code of a ChatException, also after it crossed a serialization boundary.</summary>
    public static ErrorCode? TryGetCode(Exception exception) =>
        exception.Data[CodeKey] is string text && Enum.TryParse<ErrorCode>(text, out var code) ? code : null;

    public static ChatException InvalidArgument(string message) => new(ErrorCode.InvalidArgument, message);

    public static ChatException NotFound(string message) => new(ErrorCode.NotFound, message);

    public static ChatException FailedPrecondition(string message) => new(ErrorCode.FailedPrecondition, message);

    public static ChatException PermissionDenied(string message) => new(ErrorCode.PermissionDenied, message);
}
