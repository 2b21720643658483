using Grpc.Net.Client;

namespace SupportChat.Client.Connection;

/// <summary>Raw gRPC channels set up as the client library sets up its own (keep-alive, several HTTP/2 connections,
/// TLS trust from <see cref="ConnectionOptions.CaCertificatePath"/>, the bearer token): for tools that drive the wire
/// protocol themselves, such as <c>supportchat bench</c>.</summary>
public static class SupportChatChannels
{
    /// <summary>A new channel (and so new connections) to <paramref name="url"/>.</summary>
    public static GrpcChannel Create(string url, ConnectionOptions options) => ChannelFactory.Create(new Uri(url), options);
}
