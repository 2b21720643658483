using Npgsql;

namespace SupportChat.Cli.Commands;

/// <summary>Checks a PostgreSQL connection string given on the command line.</summary>
internal static class ConnectionStrings
{
    /// <summary>Null when the string can be used; otherwise what is wrong with it.</summary>
    public static string? Problem(string connectionString)
    {
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(connectionString);
            return string.IsNullOrWhiteSpace(parsed.Host)
                ? "--postgres needs a Host, e.g. \"Host=127.0.0.1;Username=supportchat;Password=…;Database=supportchat\"."
                : null;
        }
        catch (ArgumentException ex)
        {
            return $"--postgres is not a valid connection string: {ex.Message}";
        }
    }
}
