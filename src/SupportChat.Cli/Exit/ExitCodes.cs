namespace SupportChat.Cli.Exit;

/// <summary>Process exit codes: scripts tell a mistake in the command line from a failure at run time.</summary>
internal static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>The server could not be reached, the stream broke, or the server failed.</summary>
    public const int Failed = 1;

    /// <summary>Bad options or input the server rejected as invalid (e.g. an empty name).</summary>
    public const int Usage = 2;
}
