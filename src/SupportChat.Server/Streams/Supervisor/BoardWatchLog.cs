namespace SupportChat.Server.Streams.Supervisor;

internal static partial class BoardWatchLog
{
    [LoggerMessage(EventId = 2201, Level = LogLevel.Information, Message = "A supervisor's watch takes a new snapshot: the board was rebuilt or a change was missed")]
    public static partial void Resync(ILogger logger);

    [LoggerMessage(EventId = 2202, Level = LogLevel.Warning, Message = "A supervisor's watch could not reach the board; it tries again")]
    public static partial void BoardUnreachable(ILogger logger, Exception exception);
}
