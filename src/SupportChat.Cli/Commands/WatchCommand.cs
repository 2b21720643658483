using System.CommandLine;
using SupportChat.Cli.Board;
using SupportChat.Cli.Exit;
using SupportChat.Cli.Output;
using SupportChat.Cli.Screen;
using SupportChat.Cli.Screen.Views;
using SupportChat.Client;
using SupportChat.Client.Board;
using SupportChat.Client.Connection;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat admin watch [--server URL] [--token T] [--json|--plain]</c>: the supervisor's live view.</summary>
internal static class WatchCommand
{
    public static Command Create()
    {
        var server = CommonOptions.Server();
        var token = CommonOptions.Token("admin");
        var ca = CommonOptions.Ca();
        var json = new Option<bool>("--json") { Description = "The snapshot, then one JSON object per change, one per line (see docs/cli.md)." };
        var plain = new Option<bool>("--plain") { Description = "Text lines instead of the full screen (used anyway when input or output is not a terminal)." };
        var command = new Command("watch", "The supervisor's live view: departments, agents, open conversations and today's figures, as they change.")
        {
            server, token, ca, json, plain,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(json) && result.GetValue(plain))
            {
                result.AddError("--json and --plain cannot be used together.");
            }
        });
        command.SetAction((parse, cancel) => RunAsync(parse.GetRequiredValue(server), new ConnectionOptions(parse.GetValue(ca), parse.GetValue(token)),
            parse.GetValue(json), parse.GetValue(plain), cancel));
        return command;
    }

    private static async Task<int> RunAsync(string servers, ConnectionOptions options, bool json, bool plain, CancellationToken cancel)
    {
        SupportChatConnection connection;
        try
        {
            connection = SupportChatConnection.Create(servers, options);
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"supportchat admin watch: {ex.Message.Split(" (Parameter")[0]}");
            return ExitCodes.Usage;
        }

        using var signal = new ShutdownSignal();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancel, signal.Token);
        await using (connection)
        {
            try
            {
                await using var watch = await connection.WatchBoardAsync(stop.Token);
                var view = new BoardView(TimeProvider.System);
                if (ScreenMode.FullScreen(json, plain))
                {
                    await ShowAsync(watch, view, stop);
                }
                else
                {
                    await foreach (var boardEvent in watch.Events.ReadAllAsync(stop.Token))
                    {
                        view.Apply(boardEvent);
                        Write(boardEvent, view, json);
                    }
                }

                return ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return ExitCodes.Ok; // Ctrl+C, F10: the supervisor is done watching
            }
            catch (ChatClientException ex)
            {
                await Console.Error.WriteLineAsync(ex.Code == "Unavailable" ? $"supportchat admin watch: {ex.Message}." : $"supportchat admin watch: {ex.Message} [{ex.Code}]");
                return ex.Code is "InvalidArgument" ? ExitCodes.Usage : ExitCodes.Failed;
            }
        }
    }

    private static void Write(BoardEvent boardEvent, BoardView view, bool json)
    {
        if (json)
        {
            JsonLines.Write(BoardJson.Line(boardEvent));
            return;
        }

        foreach (var line in BoardPlain.Lines(boardEvent, view))
        {
            Console.Out.WriteLine(line);
        }
    }

    /// <summary>The full screen: events are applied on the screen's thread; the screen redraws every second so ages tick.</summary>
    private static async Task ShowAsync(BoardWatch watch, BoardView view, CancellationTokenSource stop)
    {
        var host = new TuiHost(stop.Cancel);
        BoardWindow? window = null;
        await host.StartAsync(app =>
        {
            window = new BoardWindow(view, stop.Cancel);
            _ = app.AddTimeout(TimeSpan.FromSeconds(1), () =>
            {
                window.Refresh();
                return true;
            });
            return window;
        });
        try
        {
            await foreach (var boardEvent in watch.Events.ReadAllAsync(stop.Token))
            {
                host.Post(() =>
                {
                    view.Apply(boardEvent);
                    window?.Refresh();
                });
            }
        }
        finally
        {
            await host.StopAsync();
        }
    }
}
