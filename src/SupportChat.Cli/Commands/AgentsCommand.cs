using System.CommandLine;
using System.Text.Json.Nodes;
using SupportChat.Domain;
using SupportChat.Domain.Validation;
using SupportChat.Storage;
using SupportChat.Storage.Accounts;

namespace SupportChat.Cli.Commands;

/// <summary>
/// <c>supportchat agents add|list|remove|reset-token … [--data DIR | --postgres CS]</c> and <c>supportchat admin token …</c>:
/// accounts, managed on the store directly (the server may be running or not). A new token is printed once,
/// alone on the last line of standard output.
/// </summary>
internal static class AgentsCommand
{
    private static readonly System.Text.RegularExpressions.Regex DepartmentName = new("^[A-Za-z0-9_-]{1,50}$");

    public static Command Create()
    {
        var agents = new Command("agents", "Agent accounts: once one exists, agents must sign in with their token.")
        {
            Add(), List(), Remove(), ResetToken(),
        };
        return agents;
    }

    public static Command CreateAdmin()
    {
        var store = new AccountStoreOptions();
        var token = store.AddTo(new Command("token", "Create an admin token (sees all history); printed once on the last line."));
        token.SetAction((parse, cancel) => RunAsync(parse, store, async accounts =>
        {
            var account = new Account($"admin-{Guid.NewGuid():N}"[..14], AccountRole.Admin, "admin", [], 0, string.Empty, DateTimeOffset.UtcNow);
            var secret = await accounts.AddAsync(account, cancel);
            Console.Out.WriteLine("New admin token (shown only now; keep it secret):");
            Console.Out.WriteLine(secret);
            return ExitCodes.Ok;
        }));
        return new Command("admin", "Administration.") { token };
    }

    private static Command Add()
    {
        var name = CommonOptions.Name("support engineer");
        var departments = new Option<string[]>("--department") { Description = "A department the agent serves; repeat for several (default: the server's first).", HelpName = "D" };
        var capacity = new Option<int>("--capacity") { Description = "Most conversations at once, 1–100.", DefaultValueFactory = _ => ChatLimits.DefaultCapacity, HelpName = "N" };
        var title = new Option<string?>("--title") { Description = "A title shown to customers.", HelpName = "TITLE" };
        var store = new AccountStoreOptions();
        var add = store.AddTo(new Command("add", "Create an agent account; its token is printed once, alone on the last line.") { name, departments, capacity, title });
        add.SetAction((parse, cancel) => RunAsync(parse, store, async accounts =>
        {
            var account = new Account(
                Ids.AgentIdFromName(InputValidator.Name(parse.GetRequiredValue(name))),
                AccountRole.Agent,
                InputValidator.Name(parse.GetRequiredValue(name)),
                Departments(parse.GetValue(departments) ?? []),
                InputValidator.Capacity(parse.GetValue(capacity)),
                parse.GetValue(title) is { Length: > 0 } t ? InputValidator.Name(t, "title") : string.Empty,
                DateTimeOffset.UtcNow);
            var secret = await accounts.AddAsync(account, cancel);
            Console.Out.WriteLine($"Agent {account.Name} ({account.Id}) added: {Describe(account)}.");
            Console.Out.WriteLine("Token (shown only now; give it to the agent, who signs in with --token or SUPPORTCHAT_TOKEN):");
            Console.Out.WriteLine(secret);
            return ExitCodes.Ok;
        }));
        return add;
    }

    private static Command List()
    {
        var store = new AccountStoreOptions();
        var json = new Option<bool>("--json") { Description = "One JSON object per account." };
        var list = store.AddTo(new Command("list", "List agent accounts (never their tokens).") { json });
        list.SetAction((parse, cancel) => RunAsync(parse, store, async accounts =>
        {
            foreach (var account in await accounts.ListAsync(AccountRole.Agent, cancel))
            {
                Console.Out.WriteLine(parse.GetValue(json)
                    ? new JsonObject
                    {
                        ["id"] = account.Id, ["name"] = account.Name, ["title"] = account.Title,
                        ["departments"] = new JsonArray([.. account.Departments.Select(d => (JsonNode?)d)]),
                        ["capacity"] = account.Capacity, ["created"] = account.CreatedAt.ToString("O"),
                    }.ToJsonString()
                    : $"{account.Id,-24} {account.Name,-24} {Describe(account)}");
            }

            return ExitCodes.Ok;
        }));
        return list;
    }

    private static Command Remove()
    {
        var name = CommonOptions.Name("support engineer");
        var store = new AccountStoreOptions();
        var remove = store.AddTo(new Command("remove", "Remove an agent account; its token stops working at once.") { name });
        remove.SetAction((parse, cancel) => RunAsync(parse, store, async accounts =>
        {
            var id = Ids.AgentIdFromName(parse.GetRequiredValue(name));
            if (!await accounts.RemoveAsync(id, AccountRole.Agent, cancel))
            {
                await Console.Error.WriteLineAsync($"supportchat agents: no agent account '{id}'.");
                return ExitCodes.Failed;
            }

            Console.Out.WriteLine($"Agent account {id} removed.");
            return ExitCodes.Ok;
        }));
        return remove;
    }

    private static Command ResetToken()
    {
        var name = CommonOptions.Name("support engineer");
        var store = new AccountStoreOptions();
        var reset = store.AddTo(new Command("reset-token", "Give an agent a new token (the old one stops working); printed once on the last line.") { name });
        reset.SetAction((parse, cancel) => RunAsync(parse, store, async accounts =>
        {
            var id = Ids.AgentIdFromName(parse.GetRequiredValue(name));
            if (await accounts.ResetTokenAsync(id, AccountRole.Agent, cancel) is not { } secret)
            {
                await Console.Error.WriteLineAsync($"supportchat agents: no agent account '{id}'.");
                return ExitCodes.Failed;
            }

            Console.Out.WriteLine($"New token for {id} (shown only now; the old one no longer works):");
            Console.Out.WriteLine(secret);
            return ExitCodes.Ok;
        }));
        return reset;
    }

    private static List<string> Departments(string[] given)
    {
        var names = given.SelectMany(d => d.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Distinct().ToList();
        foreach (var bad in names.Where(n => !DepartmentName.IsMatch(n)))
        {
            throw ChatException.InvalidArgument($"department '{bad}' is not valid: use 1-50 letters, digits, '-' or '_'.");
        }

        return names;
    }

    private static string Describe(Account account) =>
        $"{(account.Departments.Count == 0 ? "the default department" : string.Join(", ", account.Departments))}, capacity {account.Capacity}" +
        (account.Title.Length > 0 ? $", {account.Title}" : string.Empty);

    private static async Task<int> RunAsync(ParseResult parse, AccountStoreOptions store, Func<IAccountStore, Task<int>> action)
    {
        try
        {
            return await store.UseAsync(parse, action);
        }
        catch (ChatException ex)
        {
            await Console.Error.WriteLineAsync($"supportchat: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (StoreConflictException ex)
        {
            await Console.Error.WriteLineAsync($"supportchat: {ex.Message}");
            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or Npgsql.NpgsqlException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"supportchat: cannot open the accounts in {store.Describe(parse)}: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
