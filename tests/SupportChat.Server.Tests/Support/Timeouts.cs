using System.Threading.Channels;

namespace SupportChat.Server.Tests.Support;

/// <summary>Every await in these tests is bounded, and a timeout says what was awaited (grpc-dotnet's
/// test/Shared/TaskExtensions.cs does the same).</summary>
internal static class Timeouts
{
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(10);

    public static async Task WithTimeout(this Task task, string what)
    {
        try
        {
            await task.WaitAsync(Default);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"timed out after {Default.TotalSeconds} s waiting for {what}", ex);
        }
    }

    public static async Task<T> WithTimeout<T>(this Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Default);
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"timed out after {Default.TotalSeconds} s waiting for {what}", ex);
        }
    }

    /// <summary>The next item of a channel, which must come within the timeout.</summary>
    public static Task<T> NextAsync<T>(this ChannelReader<T> reader, string what) => reader.ReadAsync().AsTask().WithTimeout(what);
}
