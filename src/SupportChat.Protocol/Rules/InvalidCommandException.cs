namespace SupportChat.Protocol.Rules;

/// <summary>A command breaks <see cref="CommandRules"/>: the server answers InvalidArgument with this message.</summary>
public sealed class InvalidCommandException(string message) : Exception(message);
