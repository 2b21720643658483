using System.CommandLine;
using SupportChat.Server.Admin;
using SupportChat.Server.Hosting;

namespace SupportChat.Cli.Commands;

/// <summary><c>--data DIR</c> (a single server's SQLite file) or <c>--postgres "CS"</c> (a cluster's database): where the
/// accounts commands find the accounts. Each command gets options of its own (an option belongs to one command).</summary>
internal sealed class AccountStoreOptions
{
    public Option<string> Data { get; } = new("--data")
    {
        Description = "The server's data folder (where supportchat.db is).",
        DefaultValueFactory = _ => "./data",
        HelpName = "DIR",
    };

    public Option<string?> Postgres { get; } = new("--postgres")
    {
        Description = "A cluster's PostgreSQL connection string, instead of --data.",
        HelpName = "CONNECTION STRING",
    };

    /// <summary>Adds both options to the command, and the check that only one is used.</summary>
    public Command AddTo(Command command)
    {
        command.Options.Add(Data);
        command.Options.Add(Postgres);
        command.Validators.Add(result =>
        {
            if (result.GetValue(Postgres) is { } cs)
            {
                if (result.GetResult(Data) is { Implicit: false })
                {
                    result.AddError("--data and --postgres cannot be used together: the accounts are in one or the other.");
                }

                if (PostgresOptions.Problem(cs) is { } problem)
                {
                    result.AddError(problem);
                }
            }
        });
        return command;
    }

    /// <summary>The accounts the options name; with <paramref name="mustExist"/>, a data folder without a store is an error
    /// instead of a new, empty store.</summary>
    public AccountAdministration Open(ParseResult parse, bool mustExist) =>
        parse.GetValue(Postgres) is { } cs
            ? AccountAdministration.ForPostgres(cs)
            : mustExist ? AccountAdministration.ForExistingDataFolder(parse.GetValue(Data)!) : AccountAdministration.ForDataFolder(parse.GetValue(Data)!);
}
