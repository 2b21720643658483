namespace SupportChat.Domain.Persistence;

/// <summary>A write collided with one already stored, e.g. a (conversation, seq) taken twice.</summary>
public sealed class StoreConflictException(string message, Exception? inner = null) : Exception(message, inner);
