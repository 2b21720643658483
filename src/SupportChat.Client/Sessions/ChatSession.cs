using System.Threading.Channels;
using SupportChat.Client.Events;

namespace SupportChat.Client.Sessions;

/// <summary>One participant's live connection: its events, and leaving.</summary>
public abstract class ChatSession : IAsyncDisposable
{
    private readonly ISessionStream _stream;

    private protected ChatSession(ISessionStream stream) => _stream = stream;

    /// <summary>Every event for this participant, in order. Completes after a <see cref="StreamClosed"/> event.</summary>
    public ChannelReader<ChatEvent> Events => _stream.Events;

    /// <summary>Completes when the stream is over.</summary>
    public Task Completion => _stream.Completion;

    /// <summary>This participant's server-assigned id.</summary>
    public string ParticipantId => _stream.ParticipantId;

    /// <summary>Leaves: no more commands; the server ends what leaving ends (a customer's conversation,
    /// an agent's sign-in) and closes the stream. Completes when it has.</summary>
    public Task LeaveAsync(CancellationToken cancellationToken) => _stream.LeaveAsync(cancellationToken);

    /// <summary>Stops at once, without waiting for the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    internal Task StartAsync(CancellationToken cancellationToken) => _stream.StartAsync(cancellationToken);
}
