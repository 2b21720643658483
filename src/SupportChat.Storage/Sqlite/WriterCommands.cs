using Microsoft.Data.Sqlite;

namespace SupportChat.Storage.Sqlite;

/// <summary>
/// The group commit's statements other than the message insert (conversation rows, events, ratings, notes), one
/// command per statement kept on the writer connection: a command that keeps its text keeps its prepared statement, so
/// SQLite parses each statement once rather than once per write (a join's two commits spent a tenth of their CPU in
/// parsing). Used only by the writer loop.
/// </summary>
internal sealed class WriterCommands(SqliteConnection connection) : IDisposable
{
    // SQLite reads $1 in StoreSql's group-commit statements as a parameter named "$1".
    private static readonly string[] ParameterNames = [.. Enumerable.Range(1, 14).Select(i => "$" + i)];

    private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

    public void Execute(SqliteTransaction transaction, string sql, object?[] values)
    {
        var command = Prepared(sql, values.Length);
        command.Transaction = transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        command.ExecuteNonQuery();
    }

    public object? Scalar(SqliteTransaction transaction, string sql)
    {
        var command = Prepared(sql, 0);
        command.Transaction = transaction;
        return command.ExecuteScalar();
    }

    public void Dispose()
    {
        foreach (var command in _commands.Values)
        {
            command.Dispose();
        }

        _commands.Clear();
    }

    private SqliteCommand Prepared(string sql, int parameters)
    {
        if (!_commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            for (var i = 0; i < parameters; i++)
            {
                command.Parameters.Add(new SqliteParameter(ParameterNames[i], DBNull.Value));
            }

            _commands[sql] = command;
        }

        return command;
    }
}
