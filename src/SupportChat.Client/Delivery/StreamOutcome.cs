using System.Security.Authentication;
using Grpc.Core;
using SupportChat.Client.Events;

namespace SupportChat.Client.Delivery;

/// <summary>How one stream ended: Connected when the server accepted its hello; Final when the session is over;
/// Broken when the connection broke and the session should reconnect; Cause, a refused certificate behind it.</summary>
internal sealed record StreamOutcome(bool Connected, StreamClosed? Final, StreamClosed? Broken, Exception? Cause = null)
{
    /// <summary>A broken stream's outcome, with the status name it reports: a refused certificate is a server that
    /// could not be reached safely (Unavailable, as other gRPC implementations report a failed handshake), not the
    /// Internal that the failed HTTP request surfaces as.</summary>
    public static StreamOutcome BrokenBy(RpcException ex, Uri address, bool connected, bool reconnecting)
    {
        var rejected = CertificateRejectedException.In(ex);
        var code = rejected is null ? ex.StatusCode.ToString() : nameof(StatusCode.Unavailable);
        return new StreamOutcome(connected, null, new StreamClosed(code, Describe(ex, address, connected, reconnecting)), rejected);
    }

    /// <summary>Codes that mean "this request is wrong", not "the connection is": reconnecting would not help.
    /// OutOfRange is a resume cursor past the conversation's end. Aborted means a newer stream of the same participant
    /// replaced this one: reconnecting would take it back, and two copies of one client would fight.</summary>
    public static bool IsRefusal(StatusCode code) => code is StatusCode.InvalidArgument or StatusCode.Unauthenticated
        or StatusCode.PermissionDenied or StatusCode.FailedPrecondition or StatusCode.NotFound or StatusCode.Unimplemented
        or StatusCode.OutOfRange or StatusCode.AlreadyExists or StatusCode.Aborted;

    /// <summary>The server's own words when it closed the stream (e.g. "the server is shutting down."), or a plain
    /// description of a transport failure: while reconnecting, a short one; when nothing has answered yet, one that says
    /// what to do (see <see cref="ConnectionFailure"/>).</summary>
    public static string Describe(RpcException ex, Uri address, bool wasConnected, bool reconnecting = false)
    {
        if (CertificateRejectedException.In(ex) is { } rejected)
        {
            return rejected.Message;
        }

        if (ex.Status.DebugException is null && ex.Status.Detail.Length > 0)
        {
            return ex.Status.Detail;
        }

        for (var inner = ex.Status.DebugException; inner is not null; inner = inner.InnerException)
        {
            if (inner is AuthenticationException)
            {
                return $"the TLS handshake with {address} failed: {inner.Message}";
            }
        }

        if (wasConnected)
        {
            return $"lost the connection to {address}";
        }

        var failure = ConnectionFailure.Of(ex.Status.DebugException, address);
        if (reconnecting)
        {
            return $"cannot reach {address}" + (failure is null ? string.Empty : $" ({failure.Cause})");
        }

        var why = ConnectionFailure.Innermost(ex.Status.DebugException) is { Length: > 0 } innermost ? innermost : ex.Status.Detail;
        return failure?.Advice ?? $"cannot reach {address} ({why}): check --server, and that 'supportchat serve' is running there";
    }
}
