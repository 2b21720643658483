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

    /// <summary>Transient: the same command may succeed when retried (e.g. the store could not commit).</summary>
    Unavailable,

    /// <summary>A position outside what exists: a resume cursor past the conversation's last seq, a read seq beyond it.
    /// Last, so the values of the others (serialized between nodes) stay as they were.</summary>
    OutOfRange,
}
