using System.Diagnostics.CodeAnalysis;
using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Grains;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Server.Mapping;

/// <summary>Maps expected failures to precise status codes; anything unexpected is Internal, never Unknown.</summary>
internal static class ChatErrors
{
    public static StatusCode ToStatusCode(ErrorCode code) => code switch
    {
        ErrorCode.InvalidArgument => StatusCode.InvalidArgument,
        ErrorCode.NotFound => StatusCode.NotFound,
        ErrorCode.FailedPrecondition => StatusCode.FailedPrecondition,
        ErrorCode.PermissionDenied => StatusCode.PermissionDenied,
        ErrorCode.ResourceExhausted => StatusCode.ResourceExhausted,
        ErrorCode.Unauthenticated => StatusCode.Unauthenticated,
        ErrorCode.Unavailable => StatusCode.Unavailable,
        ErrorCode.OutOfRange => StatusCode.OutOfRange,
        _ => StatusCode.Internal,
    };

    /// <summary>Whether the exception refuses a command for a reason the client should hear (a rule it broke).</summary>
    public static bool IsRefusal(Exception exception) => exception is InvalidCommandException || ErrorCodes.Of(exception) is not null;

    /// <summary>The code and message a client should see for this exception; false when it is unexpected.</summary>
    public static bool TryDescribe(Exception exception, out StatusCode code, out string message)
    {
        if (exception is InvalidCommandException)
        {
            code = StatusCode.InvalidArgument;
            message = exception.Message;
            return true;
        }

        if (ErrorCodes.Of(exception) is { } chatCode)
        {
            code = ToStatusCode(chatCode);
            message = exception.Message;
            return true;
        }

        if (exception is RpcException rpc)
        {
            code = rpc.StatusCode;
            message = rpc.Status.Detail;
            return true;
        }

        if (IsClusterHiccup(exception))
        {
            code = StatusCode.Unavailable;
            message = "a node of the cluster did not answer (it may have just failed); try again.";
            return true;
        }

        code = StatusCode.Internal;
        message = "the server could not process this command; try again.";
        return false;
    }

    /// <summary>A grain call that failed because its node died or has not been declared dead yet: the call can be
    /// repeated once the cluster has moved the grain (clients resend such sends with the same client_msg_id).</summary>
    public static bool IsClusterHiccup(Exception exception) =>
        exception is SiloUnavailableException or OrleansMessageRejectionException or ClientNotAvailableException or TimeoutException;

    /// <summary>A call that fails because a node of the cluster just died ends Unavailable, which clients answer by
    /// retrying or reconnecting, rather than with the Unknown of an unhandled exception.</summary>
    public static async Task UnavailableOnClusterHiccup(Task call)
    {
        try
        {
            await call;
        }
        catch (Exception ex) when (IsClusterHiccup(ex))
        {
            throw ToRpcException(ex);
        }
    }

    public static ServerEvent ToEvent(StatusCode code, string message, string? clientMsgId = null, string? conversationId = null) =>
        new()
        {
            Error = new Error
            {
                Code = code.ToString(),
                Message = message,
                ClientMsgId = clientMsgId ?? string.Empty,
                ConversationId = conversationId ?? string.Empty,
            },
        };

    public static RpcException ToRpcException(Exception exception)
    {
        TryDescribe(exception, out var code, out var message);
        return new RpcException(new Status(code, message));
    }

    [DoesNotReturn]
    public static void Throw(StatusCode code, string message) => throw new RpcException(new Status(code, message));
}
