namespace SupportChat.Storage;

/// <summary>What one transaction of the writer loop did, for metrics: how many writes it held, how many messages of
/// them were stored (a conflicted unit stores none), how long it took, and whether it committed.</summary>
public readonly record struct CommitStats(int Writes, int MessagesStored, TimeSpan Duration, bool Succeeded);
