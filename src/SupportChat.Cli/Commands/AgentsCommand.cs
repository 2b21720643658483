using System.CommandLine;
using System.Text.Json.Nodes;
using SupportChat.Cli.Exit;
using SupportChat.Cli.Output;
using SupportChat.Client.Text;
using SupportChat.Server.Admin;

namespace SupportChat.Cli.Commands;

/// <summary>
/// <c>supportchat agents add|list|remove|reset-token … [--data DIR | --postgres CS]</c> and <c>supportchat admin token …</c>:
/// accounts, managed on the store directly (the server may be running or not). A new token is printed once,
/// alone on the last line of standard output.
/// </summary>
internal static class AgentsCommand
{
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
            var secret = await accounts.CreateAdminTokenAsync(cancel);
            Console.Out.WriteLine("New admin token (shown only now; keep it secret):");
            Console.Out.WriteLine(secret);
            return ExitCodes.Ok;
        }));
        return new Command("admin", "Administration.") { token, WatchCommand.Create(), EventsCommand.Create(), WebhooksCommand.Create() };
    }

    private static Command Add()
    {
        var name = CommonOptions.Name("support engineer");
        var departments = new Option<string[]>("--department") { Description = "A department the agent serves; repeat for several (default: the server's first).", HelpName = "D" };
        var offered = new Option<string?>("--departments")
        {
            Description = "The server's departments, as given to 'serve --departments': --department must be one of them.",
            HelpName = "a,b",
        };
        var capacity = new Option<int>("--capacity") { Description = "Most conversations at once, 1–100.", DefaultValueFactory = _ => AccountAdministration.DefaultCapacity, HelpName = "N" };
        var title = new Option<string?>("--title") { Description = "A title shown to customers.", HelpName = "TITLE" };
        var store = new AccountStoreOptions();
        var add = store.AddTo(new Command("add", "Create an agent account; its token is printed once, alone on the last line.") { name, departments, offered, capacity, title });
        add.SetAction((parse, cancel) => RunAsync(parse, store, async accounts =>
        {
            if (!AccountDepartments.TryCheck(parse.GetValue(departments) ?? [], parse.GetValue(offered), out var chosen))
            {
                return ExitCodes.Usage;
            }

            var (account, secret) = await accounts.AddAgentAsync(parse.GetRequiredValue(name), chosen,
                parse.GetValue(capacity), parse.GetValue(title), cancel);
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
        list.SetAction((parse, cancel) => RunExistingAsync(parse, store, async accounts =>
        {
            foreach (var account in await accounts.ListAgentsAsync(cancel))
            {
                if (parse.GetValue(json))
                {
                    JsonLines.Write(new JsonObject
                    {
                        ["id"] = account.Id, ["name"] = account.Name, ["title"] = account.Title,
                        ["departments"] = new JsonArray([.. account.Departments.Select(d => (JsonNode?)d)]),
                        ["capacity"] = account.Capacity, ["created"] = account.CreatedAt.ToString("O"),
                    });
                }
                else
                {
                    Console.Out.WriteLine($"{account.Id,-24} {VisibleText.OneLine(account.Name),-24} {Describe(account)}");
                }
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
        remove.SetAction((parse, cancel) => RunExistingAsync(parse, store, async accounts =>
        {
            var id = AccountAdministration.AgentIdOf(parse.GetRequiredValue(name));
            if (!await accounts.RemoveAgentAsync(parse.GetRequiredValue(name), cancel))
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
        reset.SetAction((parse, cancel) => RunExistingAsync(parse, store, async accounts =>
        {
            var id = AccountAdministration.AgentIdOf(parse.GetRequiredValue(name));
            if (await accounts.ResetAgentTokenAsync(parse.GetRequiredValue(name), cancel) is not { } secret)
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

    private static string Describe(AgentAccountInfo account) =>
        $"{(account.Departments.Count == 0 ? "the default department" : string.Join(", ", account.Departments))}, capacity {account.Capacity}" +
        (account.Title.Length > 0 ? $", {account.Title}" : string.Empty);

    /// <summary>For commands that only read or change accounts: a mistyped --data must not create a folder and an empty store.</summary>
    private static Task<int> RunExistingAsync(ParseResult parse, AccountStoreOptions store, Func<AccountAdministration, Task<int>> action) =>
        RunAsync(parse, store, action, mustExist: true);

    private static async Task<int> RunAsync(ParseResult parse, AccountStoreOptions store, Func<AccountAdministration, Task<int>> action, bool mustExist = false)
    {
        try
        {
            await using var accounts = store.Open(parse, mustExist);
            return await action(accounts);
        }
        catch (AdminException ex)
        {
            await Console.Error.WriteLineAsync($"supportchat: {ex.Message}");
            return ex.Failure == AdminFailure.BadInput ? ExitCodes.Usage : ExitCodes.Failed;
        }
    }
}
