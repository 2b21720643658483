namespace SupportChat.Grains.Tests;

/// <summary>Every await in a test gets a deadline that names what it waited for, so a hang fails with a reason.</summary>
internal static class TaskTimeouts
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    public static async Task<T> Within<T>(this Task<T> task, string what)
    {
        try
        {
            return await task.WaitAsync(Patience);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"no {what} within {Patience.TotalSeconds} s");
        }
    }

    public static async Task Within(this Task task, string what)
    {
        try
        {
            await task.WaitAsync(Patience);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"no {what} within {Patience.TotalSeconds} s");
        }
    }
}
