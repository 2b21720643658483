using System.CommandLine;
using System.Globalization;
using SupportChat.Client.Connection;

namespace SupportChat.Cli.Commands;

/// <summary>Options the client commands share.</summary>
internal static class CommonOptions
{
    public static Option<string> Server() => new("--server")
    {
        Description = "Server URL, or several separated by commas (tried in order).",
        DefaultValueFactory = _ => ServerList.Default,
        HelpName = "URL",
    };

    public static Option<bool> Json() => new("--json")
    {
        Description = "One JSON command per line on stdin, one JSON event per line on stdout.",
    };

    public static Option<bool> Plain() => new("--plain")
    {
        Description = "Plain line mode for people instead of the full screen (used anyway when input or output is not a terminal).",
    };

    public static Option<string> Name(string who) => new("--name")
    {
        Description = $"The {who}'s display name (1–100 characters).",
        Required = true,
        HelpName = "NAME",
    };

    public static Option<string?> Ca() => new("--ca")
    {
        Description = "PEM certificate of the authority (or the self-signed certificate) an https:// server must present.",
        HelpName = "PEM",
    };

    /// <summary>A secret token; SUPPORTCHAT_TOKEN when the option is not given.</summary>
    public static Option<string?> Token(string who) => new("--token")
    {
        Description = $"The {who}'s secret token (default: the SUPPORTCHAT_TOKEN environment variable).",
        DefaultValueFactory = _ => EnvironmentToken(),
        HelpName = "TOKEN",
    };

    /// <summary>SUPPORTCHAT_TOKEN, or null when it is not set. Validators need it too: they see an option's value only
    /// when it was given on the command line, not its default.</summary>
    public static string? EnvironmentToken() =>
        Environment.GetEnvironmentVariable("SUPPORTCHAT_TOKEN") is { Length: > 0 } fromEnvironment ? fromEnvironment : null;

    /// <summary>An agent's capacity, checked here so that a mistake is reported before anything connects (the server would
    /// take 0 as "its default").</summary>
    public static Option<int?> Capacity(string description)
    {
        const int max = 100; // the protocol's limit (the CLI does not use the protocol's assembly itself)
        var capacity = new Option<int?>("--capacity") { Description = description, HelpName = "N" };
        capacity.Validators.Add(result =>
        {
            // Only a number out of range: one that is not a number at all is reported as such (see ParseErrorText).
            if (result.Tokens is [var token] && int.TryParse(token.Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value is < 1 or > max)
            {
                result.AddError($"--capacity must be from 1 to {max}.");
            }
        });
        return capacity;
    }
}
