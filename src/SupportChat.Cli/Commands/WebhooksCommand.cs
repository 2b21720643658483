using System.CommandLine;
using System.Globalization;
using SupportChat.Cli.Exit;
using SupportChat.Cli.Output;
using SupportChat.Client;
using SupportChat.Client.Connection;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat admin webhooks add|list|remove|failed|retry</c>: webhooks the server POSTs events to.</summary>
internal static class WebhooksCommand
{
    public static Command Create() =>
        new("webhooks", "Webhooks: URLs the server POSTs events to, signed, in order, retried for a day.") { Add(), List(), Remove(), Failed(), Retry() };

    private static Command Add()
    {
        var url = new Argument<string>("URL") { Description = "Where to POST the events: an http:// or https:// URL." };
        var events = new Option<string>("--events")
        {
            Description = "The event kinds to send, separated by commas (conversation.queued, conversation.assigned, conversation.transferred, " +
                "conversation.ended, conversation.rated, agent.signed_in, agent.status_changed, agent.signed_off), or all.",
            Required = true,
            HelpName = "KIND[,KIND…]|all",
        };
        return WithServer(new Command("add", "Add a webhook; prints its id, then its signing secret (shown only now) alone on the last line.") { url, events },
            (parse, connection) => async () =>
            {
                var added = await connection.AddWebhookAsync(parse.GetRequiredValue(url), [.. parse.GetRequiredValue(events).Split(',')], CancellationToken.None);
                Console.Out.WriteLine($"Webhook {added.Webhook.Id} added: {added.Webhook.Url} gets {string.Join(",", added.Webhook.Kinds)} " +
                    $"from cursor {added.Webhook.Cursor.ToString(CultureInfo.InvariantCulture)} on.");
                Console.Out.WriteLine("Signing secret (shown only now; the receiver checks SupportChat-Signature with it):");
                Console.Out.WriteLine(added.Secret);
                return ExitCodes.Ok;
            });
    }

    private static Command List() =>
        WithServer(new Command("list", "One line per webhook: id, URL, kinds, last event handled, failed events."), (_, connection) => async () =>
        {
            foreach (var w in await connection.ListWebhooksAsync(CancellationToken.None))
            {
                Console.Out.WriteLine($"{w.Id} {w.Url} events={string.Join(",", w.Kinds)} cursor={w.Cursor.ToString(CultureInfo.InvariantCulture)} " +
                    $"failed={w.Failed.ToString(CultureInfo.InvariantCulture)}");
            }

            return ExitCodes.Ok;
        });

    private static Command Remove()
    {
        var id = new Argument<string>("ID") { Description = "The webhook's id (see 'admin webhooks list')." };
        return WithServer(new Command("remove", "Remove a webhook, its failed events and its secret.") { id }, (parse, connection) => async () =>
        {
            await connection.RemoveWebhookAsync(parse.GetRequiredValue(id), CancellationToken.None);
            Console.Out.WriteLine($"Webhook {parse.GetRequiredValue(id)} removed.");
            return ExitCodes.Ok;
        });
    }

    private static Command Failed()
    {
        var id = new Argument<string?>("ID") { Description = "Only this webhook's (default: every webhook's).", Arity = ArgumentArity.ZeroOrOne };
        return WithServer(new Command("failed", "List the events webhooks gave up on after retrying them for 24 hours.") { id }, (parse, connection) => async () =>
        {
            foreach (var f in await connection.ListFailedDeliveriesAsync(parse.GetValue(id), CancellationToken.None))
            {
                Console.Out.WriteLine($"{f.WebhookId} cursor={f.Cursor.ToString(CultureInfo.InvariantCulture)} {f.Kind} since={JsonLines.At(f.FirstFailedAt)} " +
                    $"attempts={f.Attempts.ToString(CultureInfo.InvariantCulture)}{(f.Retrying ? " retrying" : string.Empty)} error=\"{f.LastError}\"");
            }

            return ExitCodes.Ok;
        });
    }

    private static Command Retry()
    {
        var id = new Argument<string>("ID") { Description = "The webhook whose failed events to deliver again." };
        return WithServer(new Command("retry", "Deliver a webhook's failed events again (oldest first, before its next new event).") { id },
            (parse, connection) => async () =>
            {
                var requeued = await connection.RetryFailedDeliveriesAsync(parse.GetRequiredValue(id), CancellationToken.None);
                Console.Out.WriteLine($"{requeued.ToString(CultureInfo.InvariantCulture)} failed event(s) of {parse.GetRequiredValue(id)} queued again.");
                return ExitCodes.Ok;
            });
    }

    /// <summary>Adds --server, --ca and --token to a subcommand and runs it against the server.</summary>
    private static Command WithServer(Command command, Func<ParseResult, SupportChatConnection, Func<Task<int>>> run)
    {
        var server = CommonOptions.Server();
        var ca = CommonOptions.Ca();
        var token = CommonOptions.Token("admin");
        command.Options.Add(server);
        command.Options.Add(ca);
        command.Options.Add(token);
        command.SetAction((parse, _) => AdminServerCall.RunAsync($"admin webhooks {command.Name}", parse.GetRequiredValue(server),
            new ConnectionOptions(parse.GetValue(ca), parse.GetValue(token)), connection => run(parse, connection)()));
        return command;
    }
}
