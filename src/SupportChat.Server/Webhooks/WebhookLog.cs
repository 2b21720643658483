using Microsoft.Extensions.Logging;

namespace SupportChat.Server.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 2601, Level = LogLevel.Information, Message = "Webhook {WebhookId} delivering from cursor {Cursor} on this node")]
    public static partial void Delivering(ILogger logger, string webhookId, long cursor);

    [LoggerMessage(EventId = 2602, Level = LogLevel.Warning, Message = "Webhook {WebhookId}: delivering event {Cursor} failed ({Error}), attempt {Attempt}; next try in {Delay}")]
    public static partial void AttemptFailed(ILogger logger, string webhookId, long cursor, string error, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 2603, Level = LogLevel.Error, Message = "Webhook {WebhookId}: event {Cursor} set aside as failed after {Attempts} attempts since {Since} ({Error})")]
    public static partial void SetAside(ILogger logger, string webhookId, long cursor, int attempts, DateTimeOffset since, string error);

    [LoggerMessage(EventId = 2604, Level = LogLevel.Warning, Message = "Webhook {WebhookId}: delivery stopped by an error; it starts again")]
    public static partial void LoopFailed(ILogger logger, Exception exception, string webhookId);

    [LoggerMessage(EventId = 2605, Level = LogLevel.Debug, Message = "Webhook {WebhookId}: event {Cursor} delivered")]
    public static partial void Delivered(ILogger logger, string webhookId, long cursor);
}
