using Google.Protobuf;
using Grpc.Core;

namespace SupportChat.Server.Mapping;

/// <summary>A request that cannot be decoded (e.g. a string field that is not valid UTF-8) is the client's mistake:
/// InvalidArgument, not the Unknown of an unhandled exception.</summary>
internal static class MalformedRequests
{
    /// <summary>The InvalidArgument to report when <paramref name="exception"/> comes from decoding a request.</summary>
    public static RpcException? AsMalformed(Exception exception)
    {
        for (var inner = exception; inner is not null; inner = inner.InnerException)
        {
            if (inner is InvalidProtocolBufferException)
            {
                return new RpcException(new Status(StatusCode.InvalidArgument, $"a command could not be decoded: {inner.Message}"));
            }
        }

        return null;
    }
}
