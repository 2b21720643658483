namespace SupportChat.Server.Events;

/// <summary>The event feed's and the webhooks' timing ("EventFeed" section).</summary>
public sealed class EventFeedOptions
{
    public const string SectionName = "EventFeed";

    /// <summary>How often a following reader, and a webhook with nothing to send, looks at the store even when this
    /// node committed nothing: other nodes of a cluster write events too, and only this node's commits wake readers.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long one delivery may take before it counts as failed.</summary>
    public TimeSpan DeliveryTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long an event is retried, from its first failure, before it is set aside as failed.</summary>
    public TimeSpan GiveUpAfter { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The first retry's delay; each next one doubles, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a node's claim to deliver a webhook lasts; it is renewed at a third of it while the node lives.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the node looks for webhooks added or removed (on any node).</summary>
    public TimeSpan RescanInterval { get; set; } = TimeSpan.FromSeconds(2);
}
