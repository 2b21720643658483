namespace SupportChat.Client;

/// <summary>How to reach the servers beyond their URLs.</summary>
/// <param name="CaCertificatePath">A PEM file with the certificate authority (or the self-signed certificate)
/// that https:// servers must chain to; null means the system's trusted authorities.</param>
/// <param name="Token">An agent's (or admin's) secret token, sent as a bearer token on every call.</param>
public sealed record ConnectionOptions(string? CaCertificatePath = null, string? Token = null);
