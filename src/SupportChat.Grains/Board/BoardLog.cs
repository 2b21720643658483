using Microsoft.Extensions.Logging;

namespace SupportChat.Grains.Board;

internal static partial class BoardLog
{
    [LoggerMessage(EventId = 1201, Level = LogLevel.Warning, Message = "The supervisor's board could not load the store's conversations; it fills from the grains' reports")]
    public static partial void LoadFailed(ILogger logger, Exception exception);
}
