using System.Threading.Channels;

namespace SupportChat.Cli.Input;

/// <summary>
/// Reads standard input on its own background thread. Console reads block even through the async API,
/// so this keeps them off the threads that run the session, and lets the process exit while a read waits.
/// </summary>
internal static class StdinLines
{
    public static ChannelReader<string> Start(Action<ChannelWriter<string>> readLoop)
    {
        var lines = Channel.CreateUnbounded<string>(new() { SingleReader = true, SingleWriter = true });
        var thread = new Thread(() =>
        {
            try
            {
                readLoop(lines.Writer);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException)
            {
                // Input went away (closed pipe, no console): that is end of input.
            }
            finally
            {
                lines.Writer.TryComplete();
            }
        })
        {
            IsBackground = true,
            Name = "stdin",
        };
        thread.Start();
        return lines.Reader;
    }

    public static ChannelReader<string> Start() => Start(writer =>
    {
        while (Console.In.ReadLine() is { } line)
        {
            writer.TryWrite(line);
        }
    });
}
