using Grpc.Core;
using Grpc.Core.Interceptors;
using SupportChat.Server.Mapping;

namespace SupportChat.Server.Services;

/// <summary>
/// A request that cannot be decoded (e.g. a string field that is not valid UTF-8) is the client's mistake:
/// it ends the call with InvalidArgument instead of escaping as Unknown.
/// </summary>
internal sealed class MalformedRequestInterceptor : Interceptor
{
    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(
        IAsyncStreamReader<TRequest> requestStream, IServerStreamWriter<TResponse> responseStream, ServerCallContext context,
        DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (Exception ex) when (MalformedRequests.AsMalformed(ex) is { } malformed)
        {
            throw malformed;
        }
    }

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(
        TRequest request, ServerCallContext context, UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (Exception ex) when (MalformedRequests.AsMalformed(ex) is { } malformed)
        {
            throw malformed;
        }
    }
}
