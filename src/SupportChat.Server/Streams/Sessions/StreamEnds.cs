using Grpc.Core;

namespace SupportChat.Server.Streams.Sessions;

/// <summary>The statuses a stream is ended with from outside its command loop (<see cref="ParticipantSession.Stop"/>), in
/// the words clients see.</summary>
internal static class StreamEnds
{
    /// <summary>Its inbox filled up: the client stopped reading. It may reconnect and resume.</summary>
    public static readonly Status TooSlow = new(StatusCode.Unavailable, "the client did not read its events in time; reconnect to resume.");

    /// <summary>A newer stream of the same participant took over. The client must not reconnect: the newer stream is its own.</summary>
    public static readonly Status Replaced = new(StatusCode.Aborted, "replaced by a newer connection");

    /// <summary>The server is stopping; clients reconnect (to another server, if they know one).</summary>
    public static readonly Status ServerStopping = new(StatusCode.Unavailable, "the server is shutting down.");

    public static Status OutOfRange(string message) => new(StatusCode.OutOfRange, message);
}
