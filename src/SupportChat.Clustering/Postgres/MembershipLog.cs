using Microsoft.Extensions.Logging;

namespace SupportChat.Clustering.Postgres;

internal static partial class MembershipLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Cluster membership table ready in PostgreSQL for cluster {ClusterId}")]
    public static partial void TableReady(ILogger logger, string clusterId);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Information, Message = "Removed {Count} defunct silo entries of cluster {ClusterId}")]
    public static partial void DefunctRemoved(ILogger logger, int count, string clusterId);
}
