using System.CommandLine;
using System.CommandLine.Parsing;

namespace SupportChat.Cli.Commands;

/// <summary>Parse errors in words: System.CommandLine reports a value it cannot convert by its .NET type
/// (<c>expected type 'System.Nullable`1[System.Int32]'</c>), which tells a user nothing.</summary>
internal static class ParseErrorText
{
    /// <summary>One line per error, the last pointing at the command's help.</summary>
    public static IEnumerable<string> Describe(ParseResult parsed)
    {
        var help = $"see '{CommandPath(parsed.CommandResult)} --help'";
        var lines = parsed.Errors.Select(e => Describe(e).TrimEnd('.')).ToList();
        if (parsed.UnmatchedTokens.Count > 0 && lines.Count > 1)
        {
            // A mistyped command ("supportchat frobnicate") is also "no command given": the unknown word says it all.
            lines.RemoveAll(line => line.StartsWith("Required command was not provided", StringComparison.Ordinal));
        }

        for (var i = 0; i < lines.Count; i++)
        {
            yield return i == lines.Count - 1 ? $"supportchat: {lines[i]} ({help})." : $"supportchat: {lines[i]}.";
        }
    }

    private static string Describe(ParseError error)
    {
        var (name, type, tokens) = error.SymbolResult switch
        {
            OptionResult option => (option.Option.Name, option.Option.ValueType, option.Tokens),
            ArgumentResult { Parent: OptionResult option } argument => (option.Option.Name, argument.Argument.ValueType, argument.Tokens),
            ArgumentResult argument => ($"<{argument.Argument.Name}>", argument.Argument.ValueType, argument.Tokens),
            _ => (string.Empty, typeof(string), (IReadOnlyList<Token>)[]),
        };
        // Only a value that really does not convert: a validator's own message on a number option stays as it is.
        if (tokens.FirstOrDefault(t => !ConvertibleValues.Converts(type, t.Value)) is { } bad)
        {
            var kind = Nullable.GetUnderlyingType(type) ?? type;
            return $"{name} takes {(kind == typeof(int) ? "a whole number" : "a number")}, not '{bad.Value}'";
        }

        // A value outside an option's list ("Argument 'fast' not recognized. Must be one of:" and then one line per
        // value) on one line, naming the option.
        var message = string.Join(' ', error.Message.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        return name.StartsWith('-') && !message.Contains(name, StringComparison.Ordinal) ? $"{name}: {message}" : message;
    }

    private static string CommandPath(CommandResult command)
    {
        var names = new List<string>();
        for (SymbolResult? result = command; result is CommandResult c; result = c.Parent)
        {
            names.Insert(0, c.Command is RootCommand ? "supportchat" : c.Command.Name);
        }

        return string.Join(' ', names);
    }
}
