namespace SupportChat.Server.Hosting;

/// <summary>The `--metrics-urls` listener's endpoints: told apart by port as the web listener's are (same bookkeeping,
/// its own instance), serving only the operations endpoints.</summary>
public sealed class MetricsListener
{
    internal WebListener Ports { get; } = new();

    public bool Enabled => Ports.Enabled;

    public IReadOnlyList<Uri> Addresses => Ports.Addresses;

    public bool Serves(HttpContext context) => Ports.Serves(context);
}
