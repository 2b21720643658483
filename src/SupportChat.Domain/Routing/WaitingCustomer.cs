namespace SupportChat.Domain.Routing;

/// <summary>A conversation waiting for an agent. ArrivedAt orders the queue, so a transferred
/// conversation keeps its place ahead of customers who arrived after it.</summary>
public sealed record WaitingCustomer(string ConversationId, string CustomerName, DateTimeOffset ArrivedAt);
