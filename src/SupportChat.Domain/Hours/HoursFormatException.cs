namespace SupportChat.Domain.Hours;

/// <summary>Opening hours that cannot be read; the message names the part that is wrong.</summary>
public sealed class HoursFormatException(string message) : FormatException(message);
