using System.CommandLine;
using SupportChat.Bench;
using SupportChat.Bench.Baseline;
using SupportChat.Bench.Workloads;
using SupportChat.Cli.Exit;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat bench [--server URL] [--pairs P] [--messages M] [--rate R] [--size BYTES] [--baseline] [--json]</c>,
/// <c>bench join --customers N [--rate R]</c>, <c>bench idle --sessions N</c>,
/// <c>bench soak [--conversations N] [--interval S] [--seconds T] [--warm-up W]</c>.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var target = new TargetOptions();
        var pairs = Positive("--pairs", "Conversations: P agents and P customers.", "P", 100);
        var messages = Positive("--messages", "Messages each side sends.", "M", 300);
        var rate = Rate("Messages per second offered in total (default: full speed).");
        var size = new Option<int>("--size") { Description = $"Text size in bytes, {RelaySettings.MinSize}–{RelaySettings.MaxSize}.", DefaultValueFactory = _ => 64, HelpName = "BYTES" };
        var baseline = new Option<bool>("--baseline") { Description = "Also run the same workload on a bare gRPC relay and report the ratio." };
        var command = new Command("bench", "Measure the relay: P conversations, each side sending M messages; with --baseline, against bare gRPC too.")
        {
            pairs, messages, rate, size, baseline,
        };
        target.AddTo(command);
        size.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < RelaySettings.MinSize or > RelaySettings.MaxSize)
            {
                result.AddError($"--size must be between {RelaySettings.MinSize} and {RelaySettings.MaxSize}.");
            }
        });
        command.SetAction((parse, cancel) => GuardAsync(() => RelayBench.RunAsync(target.Read(parse),
            new RelaySettings(parse.GetValue(pairs), parse.GetValue(messages), parse.GetValue(rate), parse.GetValue(size)),
            parse.GetValue(baseline), parse.GetValue(target.Json), cancel)));
        command.Subcommands.Add(Join());
        command.Subcommands.Add(Idle());
        command.Subcommands.Add(Soak());
        command.Subcommands.Add(RelayBaseline());
        return command;
    }

    private static Command Join()
    {
        var target = new TargetOptions();
        var customers = Positive("--customers", "Customers that join.", "N", 1000);
        var rate = Rate("Joins per second (default: all at once).");
        var agents = Positive("--agents", "Agents serving them, with room for all.", "A", 10);
        var command = new Command("join", "Measure join → assigned: customers join a department whose agents have room for them.") { customers, rate, agents };
        target.AddTo(command);
        command.Validators.Add(result =>
        {
            if (Given(result, customers, 1000) > Given(result, agents, 10) * JoinBench.MaxPerAgent)
            {
                result.AddError($"--agents is too small: each takes at most {JoinBench.MaxPerAgent} conversations.");
            }
        });
        command.SetAction((parse, cancel) => GuardAsync(() => JoinBench.RunAsync(target.Read(parse), parse.GetValue(customers), parse.GetValue(rate),
            parse.GetValue(agents), parse.GetValue(target.Json), cancel)));
        return command;
    }

    private static Command Idle()
    {
        var target = new TargetOptions();
        var sessions = Positive("--sessions", "Connected customers.", "N", 1000);
        var command = new Command("idle", "Measure server memory per idle connected customer.") { sessions };
        target.AddTo(command);
        command.SetAction((parse, cancel) => GuardAsync(() => IdleBench.RunAsync(target.Read(parse), parse.GetValue(sessions), parse.GetValue(target.Json), cancel)));
        return command;
    }

    private static Command Soak()
    {
        var target = new TargetOptions();
        var conversations = Positive("--conversations", "Conversations open at once: N customers, each with an agent of its own.", "N", 1000);
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between two messages of one participant, on average (each gap jittered by up to 20%).",
            DefaultValueFactory = _ => 5,
            HelpName = "S",
        };
        interval.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var value && (value <= 0 || !double.IsFinite(value)))
            {
                result.AddError("--interval must be more than 0 seconds.");
            }
        });
        var seconds = Positive("--seconds", "Measured seconds, after the warm-up.", "T", 30);
        var warmUp = new Option<double?>("--warm-up")
        {
            Description = "Seconds of sending at the same pace before the measured seconds (default: max(2 x S, 10)).",
            HelpName = "W",
        };
        warmUp.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double?>() is { } value && (value < 0 || !double.IsFinite(value)))
            {
                result.AddError("--warm-up must be 0 seconds or more.");
            }
        });
        var command = new Command("soak", "Measure human-paced chat: N conversations, every participant sending one message every S seconds.")
        {
            conversations, interval, seconds, warmUp,
        };
        target.AddTo(command);
        command.SetAction((parse, cancel) => GuardAsync(() => SoakBench.RunAsync(target.Read(parse),
            new SoakSettings(parse.GetValue(conversations), parse.GetValue(interval), parse.GetValue(seconds), parse.GetValue(warmUp)), parse.GetValue(target.Json), cancel)));
        return command;
    }

    /// <summary>The baseline relay's own process, started by `bench --baseline`; not for people.</summary>
    private static Command RelayBaseline()
    {
        var urls = new Option<string>("--urls") { Required = true, HelpName = "URL" };
        var command = new Command("relay-baseline", "The bare gRPC relay --baseline compares with (started by the bench itself).") { urls };
        command.Hidden = true;
        command.SetAction(async (parse, _) =>
        {
            await BareRelayHost.RunAsync(parse.GetRequiredValue(urls));
            return ExitCodes.Ok;
        });
        return command;
    }

    /// <summary>A bench that cannot run (no server, a refused stream, a setup that times out) says why in one line; one
    /// that ran fails when it saw anything lost, duplicated or out of order.</summary>
    private static async Task<int> GuardAsync(Func<Task<bool>> bench)
    {
        try
        {
            return await bench() ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is InvalidOperationException or Grpc.Core.RpcException or TimeoutException or System.Net.Http.HttpRequestException)
        {
            // An RpcException's Message is "Status(StatusCode=…, Detail=…)"; the detail is what the server said.
            var message = ex is Grpc.Core.RpcException rpc ? $"{rpc.Status.Detail} [{rpc.StatusCode}]" : ex.Message;
            await Console.Error.WriteLineAsync($"supportchat bench: {message}");
            return ExitCodes.Failed;
        }
    }

    private static Option<int> Positive(string name, string description, string helpName, int defaultValue)
    {
        var option = new Option<int>(name) { Description = description, DefaultValueFactory = _ => defaultValue, HelpName = helpName };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError($"{name} must be at least 1.");
            }
        });
        return option;
    }

    /// <summary>An option's value in a command validator, where an option not on the command line has no value yet.</summary>
    private static int Given(System.CommandLine.Parsing.CommandResult result, Option<int> option, int defaultValue) =>
        result.GetResult(option) is { Implicit: false } given ? given.GetValueOrDefault<int>() : defaultValue;

    private static Option<double> Rate(string description)
    {
        var option = new Option<double>("--rate") { Description = description, HelpName = "R" };
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var value && (value < 0 || !double.IsFinite(value)))
            {
                result.AddError("--rate must be 0 (full speed) or more.");
            }
        });
        return option;
    }

    /// <summary>The options every bench command shares.</summary>
    private sealed class TargetOptions
    {
        public Option<string?> Server { get; } = new("--server")
        {
            Description = "Load an existing server (several separated by commas: the load is spread over them). Default: start one of the bench's own.",
            HelpName = "URL",
        };

        public Option<string> Department { get; } = new("--department")
        {
            Description = "With --server: the department to use (default: the server's first).",
            DefaultValueFactory = _ => string.Empty,
            HelpName = "NAME",
        };

        public Option<int> StreamsPerConnection { get; } = Positive("--streams-per-connection", "Streams sharing one HTTP/2 connection, at most 100.", "N", 50);

        public Option<bool> Json { get; } = new("--json") { Description = "End with one JSON object on the last line of stdout." };

        public Option<string?> Ca { get; } = CommonOptions.Ca();

        public void AddTo(Command command)
        {
            command.Options.Add(Server);
            command.Options.Add(Department);
            command.Options.Add(StreamsPerConnection);
            command.Options.Add(Json);
            command.Options.Add(Ca);
            command.Validators.Add(result =>
            {
                if (Given(result, StreamsPerConnection, 50) > 100)
                {
                    result.AddError("--streams-per-connection must be at most 100 (the server's limit).");
                }

                if (result.GetValue(Server) is { } list && Servers(list).Any(s => !Uri.TryCreate(s, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https")))
                {
                    result.AddError("--server takes http:// or https:// URLs.");
                }
            });
        }

        public BenchTarget Read(ParseResult parse) => new(
            parse.GetValue(Server) is { } list ? Servers(list) : null, parse.GetValue(Department) ?? string.Empty, parse.GetValue(StreamsPerConnection),
            parse.GetValue(Ca));

        private static List<string> Servers(string list) =>
            [.. list.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
    }
}
