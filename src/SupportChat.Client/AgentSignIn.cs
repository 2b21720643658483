namespace SupportChat.Client;

/// <summary>An agent signing in. No departments means the server's default department; a null capacity means the server default.</summary>
public sealed record AgentSignIn(string Name, IReadOnlyList<string> Departments, int? Capacity = null, string? Title = null);
