using Microsoft.Extensions.Options;
using Npgsql;

namespace SupportChat.Server.Hosting;

/// <summary>The server could not start for a reason the operator can fix (a port in use, a bad certificate, an
/// unreachable database); the message says which, in one line.</summary>
public sealed class ServerStartException(string message, Exception inner) : Exception(message, inner)
{
    /// <summary>The start-up failure this exception stands for, or null when it is not one an operator can fix.</summary>
    internal static ServerStartException? From(Exception exception)
    {
        if (exception is not (IOException or InvalidOperationException or OptionsValidationException or Microsoft.Data.Sqlite.SqliteException
            or NpgsqlException or System.Net.Sockets.SocketException or UnauthorizedAccessException or OrleansException))
        {
            return null;
        }

        var what = exception is NpgsqlException ? "PostgreSQL: " : string.Empty;
        return new ServerStartException(what + exception.GetBaseException().Message, exception);
    }
}
