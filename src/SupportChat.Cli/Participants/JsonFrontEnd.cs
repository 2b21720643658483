using System.Runtime.CompilerServices;
using SupportChat.Cli.Input;
using SupportChat.Cli.Output;
using SupportChat.Client.Events;

namespace SupportChat.Cli.Participants;

/// <summary>--json: commands are JSON lines on stdin, events JSON lines on stdout, nothing else on stdout.</summary>
internal sealed class JsonFrontEnd(bool isAgent) : IFrontEnd
{
    public void Show(ChatEvent chatEvent)
    {
        if (chatEvent is StreamClosed { Code: not ("OK" or "Cancelled") } closed)
        {
            ShowProblem(closed.Code, closed.Message);
            return;
        }

        // Not events of the contract: scripts learn of a reconnect from the repeated ready/welcome; people from stderr.
        switch (chatEvent)
        {
            case Reconnecting r:
                ShowNotice($"{r.Reason.TrimEnd('.')}; reconnecting in {r.Delay.TotalSeconds:0.0} s (attempt {r.Attempt})…");
                return;
            case Reconnected r:
                ShowNotice($"reconnected to {r.Server}.");
                return;
        }

        if (JsonEvents.ToJson(chatEvent) is { } json)
        {
            JsonLines.Write(json);
        }
    }

    public void ShowProblem(string code, string message)
    {
        JsonLines.Write(JsonEvents.Error(code, message));
        Console.Error.WriteLine($"supportchat: {message} ({code})");
    }

    public void ShowNotice(string message) => Console.Error.WriteLine($"supportchat: {message}");

    public async IAsyncEnumerable<InputCommand> ReadCommandsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var line in StdinLines.Start().ReadAllAsync(cancellationToken))
        {
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return JsonCommandParser.Parse(line, isAgent);
            }
        }
    }
}
