using System.Security.Authentication;
using Grpc.Core;

namespace SupportChat.Client.Delivery;

/// <summary>A server certificate this client refused, and why, in words a person can act on. The TLS check throws it
/// (a check that only says no leaves "the remote certificate was rejected"), so the reason travels inside the failed
/// handshake to whoever asked for the connection.</summary>
internal sealed class CertificateRejectedException(string message) : AuthenticationException(message)
{
    /// <summary>The refusal behind a failed call, if a certificate was refused.</summary>
    public static CertificateRejectedException? In(RpcException ex)
    {
        for (var inner = ex.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is CertificateRejectedException rejected)
            {
                return rejected;
            }
        }

        return null;
    }
}
