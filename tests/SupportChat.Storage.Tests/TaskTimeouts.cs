namespace SupportChat.Storage.Tests;

/// <summary>Every wait in these tests is bounded and says what it waited for when it gives up.</summary>
internal static class TaskTimeouts
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(15);

    public static async Task WithTimeout(this Task task, string what)
    {
        try
        {
            await task.WaitAsync(Limit);
        }
        catch (TimeoutException) when (!task.IsCompleted)
        {
            throw new TimeoutException($"gave up after {Limit.TotalSeconds} s waiting for {what}");
        }
    }

    public static async Task<T> WithTimeout<T>(this Task<T> task, string what)
    {
        await ((Task)task).WithTimeout(what);
        return await task;
    }
}
