namespace SupportChat.Server.Configuration;

/// <summary>What the server decided about its listen addresses at start: whether only this machine can reach
/// it (which allows agents to sign in by name while no agent account exists), and the plain-text addresses
/// that others can reach (allowed only with --insecure).</summary>
public sealed record ListenFacts(bool LoopbackOnly, IReadOnlyList<Uri> InsecureExposed);
