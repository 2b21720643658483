namespace SupportChat.Client;

/// <summary>The server refused a request. <see cref="Code"/> is the gRPC status name, e.g. InvalidArgument.</summary>
public sealed class ChatClientException(string code, string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>The gRPC status name the server answered with.</summary>
    public string Code { get; } = code;
}
