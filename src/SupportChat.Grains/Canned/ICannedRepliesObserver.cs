namespace SupportChat.Grains.Canned;

/// <summary>A node's edge, which passes each new list on to the agents signed in there.</summary>
[Alias("supportchat.ICannedRepliesObserver")]
public interface ICannedRepliesObserver : IGrainObserver
{
    /// <summary>The whole list after a change.</summary>
    [OneWay, Alias("Changed")]
    Task Changed(IReadOnlyList<CannedReplyView> replies);
}
