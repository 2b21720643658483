using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Invocation;

namespace SupportChat.Cli.Commands;

/// <summary>
/// --help as System.CommandLine writes it, with one correction: a parent's list of commands shows each command with
/// its arguments as if they were all required (<c>history &lt;ID&gt;</c>, where the command's own usage line says
/// <c>history [&lt;ID&gt;]</c>). System.CommandLine 3 keeps its help builder to itself, so the list is rewritten after
/// it is written.
/// </summary>
internal sealed class HelpText(HelpAction inner) : SynchronousCommandLineAction
{
    public override bool ClearsParseErrors => true;

    /// <summary>Where lines wrap (the terminal's width by default).</summary>
    public int MaxWidth
    {
        get => inner.MaxWidth;
        set => inner.MaxWidth = value;
    }

    /// <summary>Puts the corrected help in place of the default one.</summary>
    public static RootCommand Install(RootCommand root)
    {
        var option = root.Options.OfType<HelpOption>().Single();
        option.Action = new HelpText((HelpAction)option.Action!);
        return root;
    }

    public override int Invoke(ParseResult parseResult)
    {
        var configuration = parseResult.InvocationConfiguration;
        var output = configuration.Output;
        var written = new StringWriter();
        configuration.Output = written;
        try
        {
            inner.Invoke(parseResult);
        }
        finally
        {
            configuration.Output = output;
        }

        output.Write(ShowOptionalArguments(written.ToString(), parseResult.CommandResult.Command));
        return 0;
    }

    /// <summary>Rewrites the rows of the "Commands:" section whose command takes optional arguments, and moves the
    /// second column (continuation lines included) to make room.</summary>
    internal static string ShowOptionalArguments(string help, Command command)
    {
        var corrected = command.Subcommands
            .Where(c => !c.Hidden && c.Arguments.Any(a => !a.Hidden && a.Arity.MinimumNumberOfValues == 0))
            .ToDictionary(c => $"{c.Name} {string.Join(' ', c.Arguments.Where(a => !a.Hidden).Select(a => $"<{a.HelpName ?? a.Name}>"))}",
                c => $"{c.Name} {string.Join(' ', c.Arguments.Where(a => !a.Hidden).Select(a => a.Arity.MinimumNumberOfValues == 0 ? $"[<{a.HelpName ?? a.Name}>]" : $"<{a.HelpName ?? a.Name}>"))}");
        var lines = help.Split('\n');
        var start = Array.FindIndex(lines, l => l.TrimEnd('\r') == "Commands:") + 1;
        if (corrected.Count == 0 || start == 0)
        {
            return help;
        }

        var end = Array.FindIndex(lines, start, l => l.Trim().Length == 0) is var blank and >= 0 ? blank : lines.Length;
        var labels = lines[start..end].Where(IsRow).Select(Label).ToList();
        var column = 2 + labels.Max(l => l.Length) + 2;
        var newColumn = 2 + labels.Max(l => corrected.GetValueOrDefault(l, l).Length) + 2;
        for (var i = start; i < end; i++)
        {
            var line = lines[i];
            lines[i] = IsRow(line)
                ? "  " + corrected.GetValueOrDefault(Label(line), Label(line)).PadRight(newColumn - 2) + (line.Length > column ? line[column..] : string.Empty)
                : new string(' ', newColumn - column) + line;
        }

        return string.Join('\n', lines);

        static bool IsRow(string line) => line.Length > 2 && line[2] != ' ';

        static string Label(string line) => line[2..].Split("  ")[0].TrimEnd('\r');
    }
}
