using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace SupportChat.Server.Hosting;

/// <summary>
/// Which of Kestrel's endpoints are the web listener's, and what they turned out to be once bound (a configured port 0
/// gets one from the system): requests are told apart by the port they came in on, so the gRPC listener stays plain gRPC
/// whatever Host header a client sends, and the web listener's own origins are known for CORS and the CSP.
/// </summary>
public sealed class WebListener
{
    private readonly List<(Uri Configured, ListenOptions Options)> _endpoints = [];
    private IReadOnlyList<Uri>? _bound;

    public bool Enabled => _endpoints.Count > 0;

    internal void Add(Uri configured, ListenOptions options) => _endpoints.Add((configured, options));

    /// <summary>The web listener's addresses, with the ports bound (valid once the server has started).</summary>
    public IReadOnlyList<Uri> Addresses
    {
        get
        {
            if (_bound is not null)
            {
                return _bound;
            }

            IReadOnlyList<Uri> addresses = [.. _endpoints.Select(e => new UriBuilder(e.Configured) { Port = PortOf(e) }.Uri)];
            if (addresses.All(a => a.Port > 0))
            {
                _bound = addresses; // kept once every port is known (bound)
            }

            return addresses;
        }
    }

    /// <summary>The origins a browser names for pages of this listener.</summary>
    public IReadOnlyList<string> Origins => [.. Addresses.Select(a => a.GetLeftPart(UriPartial.Authority).ToLowerInvariant()).Distinct()];

    /// <summary>Whether the request came in on the web listener.</summary>
    public bool Serves(HttpContext context)
    {
        var port = context.Connection.LocalPort;
        foreach (var address in Addresses)
        {
            if (address.Port == port)
            {
                return true;
            }
        }

        return false;
    }

    private static int PortOf((Uri Configured, ListenOptions Options) endpoint) =>
        endpoint.Options.IPEndPoint is { Port: > 0 } bound ? bound.Port : endpoint.Configured.Port;
}
