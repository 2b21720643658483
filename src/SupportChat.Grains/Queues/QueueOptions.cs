namespace SupportChat.Grains.Queues;

/// <summary>Section "Chat": how department queues report to their agents.</summary>
public sealed class QueueOptions
{
    public const string SectionName = "Chat";

    /// <summary>A queue tells its agents its length at most this often: under a burst of joins they see the
    /// latest figure once a second instead of one event per customer.</summary>
    public TimeSpan QueueLengthInterval { get; set; } = TimeSpan.FromSeconds(1);
}
