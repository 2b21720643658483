using System.CommandLine;
using System.CommandLine.Help;
using SupportChat.Cli.Commands;

namespace SupportChat.Cli.Tests.FirstHour;

/// <summary>--help as a new user reads it: it must say what really happens, once.</summary>
public sealed class HelpTextTests
{
    [Theory]
    [InlineData("agent")]
    [InlineData("customer")]
    public void Participant_help_says_the_full_screen_is_the_default_on_a_terminal(string command)
    {
        var plain = Help(command).Split('\n').Single(l => l.TrimStart().StartsWith("--plain", StringComparison.Ordinal));

        Assert.DoesNotContain("(the default)", plain, StringComparison.Ordinal);
        Assert.Contains("full screen", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void Top_level_help_shows_the_history_id_as_optional()
    {
        var history = Help().Split('\n').Single(l => l.TrimStart().StartsWith("history", StringComparison.Ordinal));

        Assert.StartsWith("history [<ID>]", history.TrimStart(), StringComparison.Ordinal);
    }

    [Fact]
    public void No_help_line_of_any_command_gives_its_default_twice()
    {
        var twice = new List<string>();
        foreach (var path in CommandPaths(CliApp.CreateRoot(), []))
        {
            twice.AddRange(Help([.. path]).Split('\n')
                .Where(l => l.ToLowerInvariant().Split("default").Length > 2)
                .Select(l => $"{string.Join(' ', path)}: {l.Trim()}"));
        }

        Assert.True(twice.Count == 0, "defaults given twice:\n" + string.Join('\n', twice));
    }

    private static IEnumerable<List<string>> CommandPaths(Command command, List<string> path)
    {
        foreach (var sub in command.Subcommands.Where(c => !c.Hidden))
        {
            List<string> subPath = [.. path, sub.Name];
            yield return subPath;
            foreach (var deeper in CommandPaths(sub, subPath))
            {
                yield return deeper;
            }
        }
    }

    /// <summary>The help text, one option per line however long (no wrapping to a terminal's width).</summary>
    internal static string Help(params string[] command)
    {
        var root = CliApp.CreateRoot();
        var help = root.Options.OfType<HelpOption>().Single();
        ((HelpText)help.Action!).MaxWidth = 10_000;
        var output = new StringWriter();
        root.Parse([.. command, "--help"]).Invoke(new InvocationConfiguration { Output = output });
        return output.ToString().Replace("\r", string.Empty, StringComparison.Ordinal);
    }
}
