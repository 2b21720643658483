using System.CommandLine;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SupportChat.Server.Hosting;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat serve [--urls URL] [--data DIR] [--departments a,b] [--silo-port N] [--gateway-port N]</c></summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = "Where to listen (default http://127.0.0.1:5000; several separated by ';').", HelpName = "URL" };
        var data = new Option<string?>("--data") { Description = "Folder for the SQLite history (default ./data).", HelpName = "DIR" };
        var departments = new Option<string?>("--departments") { Description = "Departments, comma separated (default: general).", HelpName = "a,b" };
        var siloPort = new Option<int?>("--silo-port") { Description = "Orleans silo port (default 11111).", HelpName = "N" };
        var gatewayPort = new Option<int?>("--gateway-port") { Description = "Orleans gateway port (default 30000).", HelpName = "N" };
        var command = new Command("serve", "Run the SupportChat server.") { urls, data, departments, siloPort, gatewayPort };
        command.Validators.Add(result =>
        {
            foreach (var port in new[] { result.GetValue(siloPort), result.GetValue(gatewayPort) })
            {
                if (port is < 1 or > 65535)
                {
                    result.AddError("ports must be between 1 and 65535.");
                }
            }

            if (result.GetValue(departments) is { } list && Split(list).Count == 0)
            {
                result.AddError("--departments needs at least one department name.");
            }
        });
        command.SetAction((parse, _) =>
        {
            var settings = new Dictionary<string, string?>();
            Set(settings, "Urls", parse.GetValue(urls));
            Set(settings, "Store:DataDirectory", parse.GetValue(data));
            Set(settings, "Orleans:SiloPort", parse.GetValue(siloPort)?.ToString(CultureInfo.InvariantCulture));
            Set(settings, "Orleans:GatewayPort", parse.GetValue(gatewayPort)?.ToString(CultureInfo.InvariantCulture));
            if (parse.GetValue(departments) is { } list)
            {
                var names = Split(list);
                for (var i = 0; i < names.Count; i++)
                {
                    settings[$"Chat:Departments:{i}"] = names[i];
                }
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
            app = SupportChatHost.Build(settings);
            await SupportChatHost.StartAsync(app, CancellationToken.None);
        }
        catch (Exception ex) when (ex is IOException or InvalidOperationException or OptionsValidationException or Microsoft.Data.Sqlite.SqliteException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"supportchat serve: could not start: {ex.GetBaseException().Message}");
            return ExitCodes.Failed;
        }

        // The host's console lifetime stops it on Ctrl+C and SIGTERM.
        await app.WaitForShutdownAsync();
        await app.DisposeAsync();
        return ExitCodes.Ok;
    }

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
