namespace SupportChat.Server.Hosting;

/// <summary>Section "Orleans": the co-hosted silo. Ports are configurable so several servers (or tests) can run on
/// one machine; the failure detection settings matter only in a cluster (with <c>--postgres</c>).</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "supportchat";

    public string ServiceId { get; set; } = "supportchat";

    /// <summary>The address other nodes reach this one at. Empty: the machine's first non-loopback IPv4 address.
    /// Set it to 127.0.0.1 when every node runs on this machine.</summary>
    public string? AdvertisedAddress { get; set; }

    /// <summary>How long a node waits for another's answer to a liveness probe. A node that misses
    /// <see cref="MissedProbesLimit"/> probes in a row, as seen by two others, is declared dead: the time to notice a
    /// dead node is about their product, plus the time to vote.</summary>
    public TimeSpan ProbeTimeout { get; set; } = TimeSpan.FromSeconds(2);

    public int MissedProbesLimit { get; set; } = 3;

    /// <summary>Most grain locations the node keeps cached. Orleans caches the location of every grain it registers and
    /// does not forget it when the grain deactivates, so each conversation ever active leaves ~300 bytes until the cache is
    /// full: at Orleans' default (1,000,000) that is some 300 MB. This bound is many times the grains a busy node has
    /// live (open conversations, agents, queues); past it the least recently used go, at the cost of a directory
    /// lookup when one is called again.</summary>
    public int DirectoryCacheSize { get; set; } = 100_000;
}
