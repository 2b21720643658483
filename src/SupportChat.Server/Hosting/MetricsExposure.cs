using System.Net;

namespace SupportChat.Server.Hosting;

/// <summary>
/// Where `/metrics` may be served. Metrics tell anyone who reads them how busy the service is and which departments it
/// has, so they stay off the public internet unless the operator says otherwise: with --metrics-urls, on those addresses
/// only (whatever they are, since the operator named them); without it, on the web listener only when every one of its
/// addresses is loopback, and nowhere otherwise.
/// </summary>
public static class MetricsExposure
{
    /// <summary>Whether the web listener serves `/metrics`.</summary>
    public static bool OnWebListener(IReadOnlyList<Uri> webAddresses, IReadOnlyList<Uri> metricsAddresses) =>
        metricsAddresses.Count == 0 && webAddresses.Count > 0 && webAddresses.All(IsLoopback);

    internal static bool IsLoopback(Uri address) =>
        address.IsLoopback || IPAddress.TryParse(address.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
}
