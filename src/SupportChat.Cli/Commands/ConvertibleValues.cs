using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;

namespace SupportChat.Cli.Commands;

/// <summary>
/// Validators read option values, and reading a value that does not convert (<c>--pairs x</c>) throws out of the parse
/// as an unhandled exception. Every validator is made to step aside while a number option of its command holds
/// something that is not a number: the parse then reports that one error (see <see cref="ParseErrorText"/>).
/// </summary>
internal static class ConvertibleValues
{
    public static RootCommand GuardValidators(RootCommand root)
    {
        foreach (var command in AllCommands(root).Prepend(root))
        {
            for (var i = 0; i < command.Validators.Count; i++)
            {
                var validator = command.Validators[i];
                command.Validators[i] = result =>
                {
                    if (!HoldsNonNumber(result))
                    {
                        validator(result);
                    }
                };
            }

            foreach (var option in command.Options)
            {
                for (var i = 0; i < option.Validators.Count; i++)
                {
                    var validator = option.Validators[i];
                    option.Validators[i] = result =>
                    {
                        if (result.Parent is not CommandResult parent || !HoldsNonNumber(parent))
                        {
                            validator(result);
                        }
                    };
                }
            }
        }

        return root;
    }

    /// <summary>Whether <paramref name="token"/> converts to the option type <paramref name="type"/> (anything but a number
    /// is left to System.CommandLine).</summary>
    public static bool Converts(Type type, string token)
    {
        var kind = Nullable.GetUnderlyingType(type) ?? type;
        return kind == typeof(int) ? int.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
            : kind == typeof(double) ? double.TryParse(token, NumberStyles.Float, CultureInfo.InvariantCulture, out _)
            : true;
    }

    private static bool HoldsNonNumber(CommandResult command) =>
        command.Command.Options.Any(o => command.GetResult(o) is { } given && given.Tokens.Any(t => !Converts(o.ValueType, t.Value)));

    private static IEnumerable<Command> AllCommands(Command parent) =>
        parent.Subcommands.SelectMany(c => AllCommands(c).Prepend(c));
}
