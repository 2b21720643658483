namespace SupportChat.Server.Hosting;

/// <summary>Section "Orleans": ports of the co-hosted silo. Configurable so several servers
/// (or tests) can run on one machine.</summary>
public sealed class SiloOptions
{
    public const string SectionName = "Orleans";

    public int SiloPort { get; set; } = 11111;

    public int GatewayPort { get; set; } = 30000;

    public string ClusterId { get; set; } = "supportchat";

    public string ServiceId { get; set; } = "supportchat";
}
