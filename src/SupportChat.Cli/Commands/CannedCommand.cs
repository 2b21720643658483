using System.CommandLine;
using System.Text.Json.Nodes;
using SupportChat.Cli.Exit;
using SupportChat.Cli.Output;
using SupportChat.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat canned add SHORTCUT TEXT | list [--json] | remove SHORTCUT</c>: the team's canned replies, kept
/// by the server (admin token where accounts exist). Signed-in agents get every change at once.</summary>
internal static class CannedCommand
{
    public static Command Create() => new("canned", "Team-wide canned replies: agents type /SHORTCUT and Tab to use one.")
    {
        Add(), List(), Remove(),
    };

    private static Command Add()
    {
        var shortcut = Shortcut();
        var text = new Argument<string>("TEXT") { Description = "The reply; {customer} and {agent} become the names of the conversation it is used in." };
        var command = new Command("add", "Add a canned reply, or replace the text of the one with that shortcut.") { shortcut, text };
        return WithConnection(command, "canned add", async (connection, parse, cancel) =>
        {
            var saved = await connection.AddCannedReplyAsync(parse.GetRequiredValue(shortcut), parse.GetRequiredValue(text), cancel);
            Console.Out.WriteLine(saved.Replaced ? $"Replaced /{saved.Reply.Shortcut}." : $"Added /{saved.Reply.Shortcut}.");
        });
    }

    private static Command List()
    {
        var json = new Option<bool>("--json") { Description = "One JSON object per reply: {\"shortcut\":…,\"text\":…}." };
        var command = new Command("list", "List the canned replies in shortcut order.") { json };
        return WithConnection(command, "canned list", async (connection, parse, cancel) =>
        {
            var replies = await connection.ListCannedRepliesAsync(cancel);
            if (parse.GetValue(json))
            {
                foreach (var reply in replies)
                {
                    JsonLines.Write(new JsonObject { ["shortcut"] = reply.Shortcut, ["text"] = reply.Text });
                }

                return;
            }

            if (replies.Count == 0)
            {
                Console.Out.WriteLine("No canned replies yet ('supportchat canned add SHORTCUT TEXT' adds one).");
                return;
            }

            var width = replies.Max(r => r.Shortcut.Length) + 1;
            foreach (var reply in replies)
            {
                // One line each: line breaks show as ↵, anything unsafe for a terminal as an escape.
                Console.Out.WriteLine($"/{reply.Shortcut.PadRight(width)} {VisibleText.Escape(reply.Text.Replace("\n", "↵", StringComparison.Ordinal), keepNewlines: false)}");
            }
        });
    }

    private static Command Remove()
    {
        var shortcut = Shortcut();
        var command = new Command("remove", "Remove a canned reply.") { shortcut };
        return WithConnection(command, "canned remove", async (connection, parse, cancel) =>
        {
            var name = parse.GetRequiredValue(shortcut);
            await connection.RemoveCannedReplyAsync(name, cancel);
            Console.Out.WriteLine($"Removed /{name}.");
        });
    }

    private static Argument<string> Shortcut() => new("SHORTCUT")
    {
        Description = "1–32 letters, digits, '-' or '_' (without the '/').",
    };

    /// <summary>Adds --server, --ca and --token, and runs <paramref name="run"/> on a connection, with the exit codes of
    /// the other client commands (2 for a refused shortcut or text and an unknown shortcut, 1 otherwise).</summary>
    private static Command WithConnection(Command command, string name,
        Func<SupportChatConnection, ParseResult, CancellationToken, Task> run)
    {
        var server = CommonOptions.Server();
        var ca = CommonOptions.Ca();
        var token = CommonOptions.Token("admin");
        command.Add(server);
        command.Add(ca);
        command.Add(token);
        command.SetAction((parse, cancel) => AdminServerCall.RunAsync(name, parse.GetRequiredValue(server),
            new ConnectionOptions(parse.GetValue(ca), parse.GetValue(token)),
            async connection =>
            {
                await run(connection, parse, cancel);
                return ExitCodes.Ok;
            }));
        return command;
    }
}
