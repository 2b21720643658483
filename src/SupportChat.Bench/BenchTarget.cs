namespace SupportChat.Bench;

/// <summary>Where the load goes: the user's servers (with the department to use there), or null for a server of the bench's own.</summary>
public sealed record BenchTarget(IReadOnlyList<string>? Servers, string Department, int StreamsPerConnection, string? CaCertificatePath = null);
