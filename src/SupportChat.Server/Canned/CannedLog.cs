namespace SupportChat.Server.Canned;

internal static partial class CannedLog
{
    [LoggerMessage(EventId = 2301, Level = LogLevel.Warning, Message = "The canned replies could not be reached; this node tries again")]
    public static partial void Unreachable(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 2302, Level = LogLevel.Information, Message = "Canned reply /{Shortcut} {Change}")]
    public static partial void Changed(ILogger logger, string shortcut, string change);
}
