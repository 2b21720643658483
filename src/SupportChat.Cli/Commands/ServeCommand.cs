using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportChat.Cli.Exit;
using SupportChat.Server.Configuration;
using SupportChat.Server.Hosting;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat serve [--urls URL] [--web-urls URL[,URL]|none] [--web-origins a,b] [--data DIR] [--departments a,b] [--agent-grace S] [--customer-grace S]
/// [--durability full|normal] [--tls-cert PEM --tls-key PEM] [--insecure] [--postgres CS] [--silo-port N] [--gateway-port N]
/// [--metrics-urls URL[,URL]] [--otlp URL] [--log-format text|json]</c>.
/// With --postgres the server is a node of a cluster: history, accounts, session key and membership in PostgreSQL.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:5000; several separated by ';').", HelpName = "URL" };
        var webUrls = new Option<string?>("--web-urls")
        {
            Description = "Where the browser-facing listener (the chat widget's pages and gRPC-Web) listens (default http://127.0.0.1:5080; several separated by ','; 'none' turns it off).",
            HelpName = "URL",
        };
        var webOrigins = new Option<string?>("--web-origins")
        {
            Description = "Origins of other sites whose pages may call the web listener (CORS), comma separated, e.g. https://shop.example.com.",
            HelpName = "a,b",
        };
        var data = new Option<string?>("--data") { Description = "Folder for the SQLite history (default ./data).", HelpName = "DIR" };
        var departments = new Option<string?>("--departments") { Description = "Departments, comma separated (default: general).", HelpName = "a,b" };
        var hours = new Option<string[]>("--hours")
        {
            Description = "Opening hours of a department, e.g. \"billing=Mon-Fri 09:00-12:00,13:00-17:00 Europe/Amsterdam\"; repeat or separate with ';' for several departments. A department without hours is always open.",
            HelpName = "D=HOURS",
        };
        var tlsCert = new Option<string?>("--tls-cert") { Description = "PEM certificate for https:// addresses (with --tls-key).", HelpName = "PEM" };
        var tlsKey = new Option<string?>("--tls-key") { Description = "PEM private key of --tls-cert.", HelpName = "PEM" };
        var insecure = new Option<bool>("--insecure")
        {
            Description = "Allow plain HTTP/2 on addresses other than loopback (messages cross the network unencrypted).",
        };
        var postgres = new Option<string?>("--postgres")
        {
            Description = "Run as a cluster node: history, accounts and cluster membership in this PostgreSQL database (instead of --data).",
            HelpName = "CONNECTION STRING",
        };
        var siloPort = new Option<int?>("--silo-port") { Description = "Orleans silo port (default 11111).", HelpName = "N" };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "Orleans gateway port (default 30000).", HelpName = "N" };
        var agentGrace = new Option<double?>("--agent-grace")
        {
            Description = "Seconds a disconnected agent is waited for before its conversations go back to the queue (default 30).",
            HelpName = "S",
        };
        var customerGrace = new Option<double?>("--customer-grace")
        {
            Description = "Seconds a disconnected customer is waited for before the conversation ends as abandoned (default 120).",
            HelpName = "S",
        };
        var durability = new Option<string?>("--durability")
        {
            Description = "full (default): every acknowledged message survives power loss; normal: faster, survives a crashed process but may lose the last messages on power loss.",
            HelpName = "full|normal",
        };
        durability.AcceptOnlyFromAmong("full", "normal");
        var metricsUrls = new Option<string?>("--metrics-urls")
        {
            Description = "A listener of its own for /metrics (Prometheus) and /healthz, /readyz, several separated by ','. Without it, /metrics is served on the web listener only when that listens on loopback only.",
            HelpName = "URL",
        };
        var otlp = new Option<string?>("--otlp")
        {
            Description = "Push metrics over OTLP/gRPC to this collector, e.g. http://127.0.0.1:4317 (default: OTEL_EXPORTER_OTLP_ENDPOINT if set).",
            HelpName = "URL",
        };
        var logFormat = new Option<string?>("--log-format")
        {
            Description = "text (default): readable lines on standard error; json: one JSON object per line on standard output, for log shippers (configuration key Logging:Format).",
            HelpName = "text|json",
        };
        logFormat.AcceptOnlyFromAmong("text", "json");
        var command = new Command("serve", "Run the SupportChat server.") { urls, webUrls, webOrigins, data, departments, hours, agentGrace, customerGrace, durability, tlsCert, tlsKey, insecure, postgres, siloPort, gatewayPort, metricsUrls, otlp, logFormat };
        command.Validators.Add(result =>
        {
            foreach (var port in new[] { result.GetValue(siloPort), result.GetValue(gatewayPort) })
            {
                if (port is < 1 or > 65535)
                {
                    result.AddError("ports must be between 1 and 65535.");
                }
            }

            foreach (var grace in new[] { result.GetValue(agentGrace), result.GetValue(customerGrace) })
            {
                if (grace is < 0 or > 86_400 || grace is { } g && !double.IsFinite(g))
                {
                    result.AddError("grace periods must be between 0 and 86400 seconds.");
                }
            }

            if (result.GetValue(postgres) is { } cs)
            {
                if (PostgresOptions.Problem(cs) is { } problem)
                {
                    result.AddError(problem);
                }

                if (result.GetValue(data) is not null || result.GetValue(durability) is not null)
                {
                    result.AddError("--data and --durability are for the SQLite store; with --postgres the history is in PostgreSQL.");
                }
            }

            if (result.GetValue(webOrigins) is { } origins)
            {
                foreach (var origin in Split(origins))
                {
                    if (WebOptions.OriginProblem(origin) is { } problem)
                    {
                        result.AddError($"--web-origins: {problem}.");
                        break;
                    }
                }
            }

            if (result.GetValue(otlp) is { } endpoint && !(Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"))
            {
                result.AddError($"--otlp: '{endpoint}' is not an http:// or https:// address.");
            }

            if (result.GetValue(departments) is { } list && Split(list).Count == 0)
            {
                result.AddError("--departments needs at least one department name.");
            }
            else if (result.GetValue(departments) is { } named && Split(named).FirstOrDefault(n => !ChatOptions.IsDepartmentName(n)) is { } bad)
            {
                // The server would refuse it too, but only after starting, and with exit code 1: it is a bad option.
                result.AddError($"--departments: '{bad}' is not a department name: use 1-50 letters, digits, '-' or '_', separated by commas.");
            }

            if (HoursProblem(result.GetValue(hours), result.GetValue(departments)) is { } hoursProblem)
            {
                result.AddError($"--hours: {hoursProblem}");
            }
        });
        command.SetAction((parse, _) =>
        {
            var settings = new Dictionary<string, string?>();
            var withTls = parse.GetValue(tlsCert) is not null || parse.GetValue(tlsKey) is not null;
            Set(settings, "Urls", parse.GetValue(urls) ?? (withTls ? "https://127.0.0.1:5000" : null));
            Set(settings, "Web:Urls", parse.GetValue(webUrls) ?? (withTls ? "https://127.0.0.1:5080" : null));
            Set(settings, "Web:Origins", parse.GetValue(webOrigins));
            Set(settings, "Tls:CertificatePath", parse.GetValue(tlsCert));
            Set(settings, "Tls:KeyPath", parse.GetValue(tlsKey));
            Set(settings, "Tls:AllowInsecure", parse.GetValue(insecure) ? "true" : null);
            Set(settings, "Store:DataDirectory", parse.GetValue(data));
            Set(settings, "Chat:AgentGrace", Seconds(parse.GetValue(agentGrace)));
            Set(settings, "Chat:CustomerGrace", Seconds(parse.GetValue(customerGrace)));
            Set(settings, "Store:Durability", parse.GetValue(durability) switch { "normal" => "Normal", "full" => "Full", _ => null });
            Set(settings, "Orleans:SiloPort", parse.GetValue(siloPort)?.ToString(CultureInfo.InvariantCulture));
            Set(settings, "Orleans:GatewayPort", parse.GetValue(gatewayPort)?.ToString(CultureInfo.InvariantCulture));
            Set(settings, "Postgres:ConnectionString", parse.GetValue(postgres));
            Set(settings, "Metrics:Urls", parse.GetValue(metricsUrls));
            Set(settings, "Metrics:Otlp", parse.GetValue(otlp));
            Set(settings, "Logging:Format", parse.GetValue(logFormat));
            if (parse.GetValue(departments) is { } list)
            {
                var names = Split(list);
                for (var i = 0; i < names.Count; i++)
                {
                    settings[$"Chat:Departments:{i}"] = names[i];
                }
            }

            foreach (var (key, value) in HoursArguments.Settings(parse.GetValue(hours) ?? []))
            {
                settings[key] = value;
            }

            return RunAsync(settings);
        });
        return command;
    }

    private static async Task<int> RunAsync(Dictionary<string, string?> settings)
    {
        WebApplication app;
        try
        {
            app = await SupportChatHost.StartNewAsync(settings, CancellationToken.None);
        }
        catch (ServerStartException ex)
        {
            await Console.Error.WriteLineAsync($"supportchat serve: could not start: {ex.Message}");
            return ExitCodes.Failed;
        }

        // The host's console lifetime stops it on Ctrl+C and SIGTERM.
        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return ExitCodes.Ok;
    }

    /// <summary>Null when the hours read well and name only departments the server offers (checked against
    /// --departments, or the default "general" without it).</summary>
    private static string? HoursProblem(string[]? values, string? departmentList) =>
        values is null or [] ? null : HoursArguments.Problem(values, departmentList is null ? ["general"] : Split(departmentList));

    private static string? Seconds(double? seconds) =>
        seconds is { } s ? TimeSpan.FromSeconds(s).ToString("c", CultureInfo.InvariantCulture) : null;

    private static List<string> Split(string list) =>
        [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];

    private static void Set(Dictionary<string, string?> settings, string key, string? value)
    {
        if (value is not null)
        {
            settings[key] = value;
        }
    }
}
