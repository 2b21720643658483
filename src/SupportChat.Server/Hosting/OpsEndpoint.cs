namespace SupportChat.Server.Hosting;

/// <summary>Marks the operations endpoints (health, metrics) so <see cref="OpsAccess"/> can tell which listener may
/// serve each: they are plain HTTP/1.1 GETs, for the web and metrics listeners, never the gRPC listener.</summary>
internal sealed class OpsEndpoint
{
    public static readonly OpsEndpoint Health = new();
    public static readonly OpsEndpoint Metrics = new();

    private OpsEndpoint()
    {
    }
}
