namespace SupportChat.Domain;

/// <summary>Expected failures; the edge maps each to the gRPC status code of the same name.</summary>
public enum ErrorCode
{
    InvalidArgument,
    NotFound,
    FailedPrecondition,
    PermissionDenied,
    ResourceExhausted,
    Unauthenticated,
}
