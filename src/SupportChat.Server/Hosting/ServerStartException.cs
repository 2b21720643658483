using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Options;
using Npgsql;

namespace SupportChat.Server.Hosting;

/// <summary>The server could not start for a reason the operator can fix (a data folder or a port in use, a bad
/// certificate, an unreachable database); the message says which, in one line.</summary>
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

        if (BoundBy(exception) is { } bind)
        {
            // Kestrel's own words name the address ("Failed to bind to address http://…: address already in use.");
            // the innermost exception would only say "Address already in use".
            return new ServerStartException(
                $"{bind.Message.TrimEnd('.')} (another supportchat serve?): stop that server, or give this one another address with --urls (or --web-urls for the web listener)", exception);
        }

        var what = exception is NpgsqlException ? "PostgreSQL: " : string.Empty;
        return new ServerStartException(what + exception.GetBaseException().Message, exception);
    }

    /// <summary>The exception Kestrel wraps around an address in use, if that is what this is.</summary>
    private static Exception? BoundBy(Exception exception)
    {
        for (var outer = exception; outer.InnerException is { } inner; outer = inner)
        {
            if (inner is AddressInUseException)
            {
                return outer;
            }
        }

        return null;
    }
}
