namespace SupportChat.Storage.Tests;

/// <summary>A test of Unix file modes: skipped on Windows, where there are none (a new file takes its folder's access
/// list, which the operator sets).</summary>
public sealed class UnixFactAttribute : FactAttribute
{
    public UnixFactAttribute()
    {
        if (OperatingSystem.IsWindows())
        {
            Skip = "Unix file modes only: on Windows the data folder's access list decides who may read the files.";
        }
    }
}
