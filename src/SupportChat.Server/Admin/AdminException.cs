namespace SupportChat.Server.Admin;

/// <summary>What kind of failure an administrative command met.</summary>
public enum AdminFailure
{
    /// <summary>The operator's input breaks a rule (an empty name, a capacity out of range).</summary>
    BadInput,

    /// <summary>It collides with what exists (an account of that name).</summary>
    Conflict,

    /// <summary>The store could not be opened or written.</summary>
    StoreUnavailable,
}

/// <summary>An administrative command failed; the message is for the operator.</summary>
public sealed class AdminException(AdminFailure failure, string message) : Exception(message)
{
    public AdminFailure Failure { get; } = failure;
}
