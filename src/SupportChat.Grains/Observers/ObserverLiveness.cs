using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Observers;

/// <summary>Whether a stream is still there. A stream whose node died cannot answer; the timeout bounds the wait
/// for one whose node has not yet been declared dead (the cluster then rejects the call on its own).</summary>
internal static class ObserverLiveness
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(5);

    public static async Task<bool> IsAliveAsync(IChatObserver observer)
    {
        try
        {
            await observer.Ping().WaitAsync(Patience);
            return true;
        }
        catch (Exception)
        {
            // Whatever the failure (timeout, silo unavailable, observer gone), nobody is listening there.
            return false;
        }
    }
}
