using System.Net;
using System.Net.Sockets;

namespace SupportChat.Server.Hosting;

/// <summary>
/// Orleans listens on its silo and gateway ports with address reuse, which on Linux lets a second process listen on
/// the same ports without an error: two servers then share them, and the kernel hands each connection to either. So
/// before the silo starts, each port is bound once here without reuse, which fails while anyone listens on it.
/// </summary>
internal static class SiloPortCheck
{
    /// <param name="anyAddress">A cluster node listens on every address; a single node on loopback only.</param>
    /// <exception cref="ServerStartException">A port is in use.</exception>
    public static void EnsureFree(SiloOptions silo, bool anyAddress)
    {
        var address = anyAddress ? IPAddress.Any : IPAddress.Loopback;
        EnsureFree(new IPEndPoint(address, silo.SiloPort), "silo", "--silo-port");
        EnsureFree(new IPEndPoint(address, silo.GatewayPort), "gateway", "--gateway-port");
    }

    private static void EnsureFree(IPEndPoint endpoint, string port, string option)
    {
        using var probe = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        try
        {
            probe.Bind(endpoint);
            probe.Listen();
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.AddressAlreadyInUse)
        {
            throw new ServerStartException(
                $"the Orleans {port} port {endpoint} is in use (another supportchat serve?): stop that server, or give this one another {option}", ex);
        }
    }
}
