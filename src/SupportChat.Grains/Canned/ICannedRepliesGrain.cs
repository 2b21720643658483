namespace SupportChat.Grains.Canned;

/// <summary>
/// The team's canned replies: one activation (key <see cref="Key"/>) for the whole cluster, so every change goes
/// through one place, in order, and reaches every node's observer. The store keeps the list; the grain loads it when
/// it activates.
/// </summary>
[Alias("supportchat.ICannedRepliesGrain")]
public interface ICannedRepliesGrain : IGrainWithStringKey
{
    public const string Key = "team";

    /// <summary>Registers (or renews) a node's observer and returns the list as it is now; changes after it go to it.</summary>
    [Alias("Subscribe")]
    Task<IReadOnlyList<CannedReplyView>> Subscribe(ICannedRepliesObserver observer);

    [Alias("Unsubscribe")]
    Task Unsubscribe(ICannedRepliesObserver observer);

    [Alias("List")]
    Task<IReadOnlyList<CannedReplyView>> List();

    /// <summary>Stores the reply (checked by the caller) and tells the observers; true when it replaced one.</summary>
    [Alias("Save")]
    Task<bool> Save(CannedReplyView reply);

    /// <summary>Removes the reply and tells the observers; false (and nothing told) when there was none.</summary>
    [Alias("Remove")]
    Task<bool> Remove(string shortcut);
}
