namespace SupportChat.Client;

/// <summary>Who a customer is and where they want help; a null department means the server's first one.</summary>
public sealed record CustomerJoin(string Name, string? Department = null);
