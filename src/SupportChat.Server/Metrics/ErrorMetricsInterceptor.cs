using Grpc.Core;
using Grpc.Core.Interceptors;

namespace SupportChat.Server.Metrics;

/// <summary>Counts the status a call ends with when it is an error (supportchat.errors): per-command errors on a stream
/// are counted where they are written (ParticipantSession); this adds the calls refused or ended with a status.</summary>
internal sealed class ErrorMetricsInterceptor(SupportChatMetrics metrics) : Interceptor
{
    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context);
        }
        catch (RpcException ex)
        {
            metrics.Error(ex.StatusCode);
            throw;
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context);
        }
        catch (RpcException ex)
        {
            metrics.Error(ex.StatusCode);
            throw;
        }
    }

    public override async Task DuplexStreamingServerHandler<TRequest, TResponse>(IAsyncStreamReader<TRequest> requestStream,
        IServerStreamWriter<TResponse> responseStream, ServerCallContext context, DuplexStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(requestStream, responseStream, context);
        }
        catch (RpcException ex)
        {
            metrics.Error(ex.StatusCode);
            throw;
        }
    }
}
