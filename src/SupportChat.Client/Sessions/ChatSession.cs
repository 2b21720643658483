using System.Threading.Channels;
using Grpc.Net.Client;
using SupportChat.Client.Delivery;
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

    /// <summary>Leaves on purpose: a customer ends its conversation, an agent signs off (its conversations go back to
    /// their queues); then no more commands, and the server closes the stream. Completes when it has.</summary>
    public Task LeaveAsync(CancellationToken cancellationToken) => _stream.LeaveAsync(cancellationToken);

    /// <summary>Stops at once, without waiting for the server.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>Puts a session's machinery together and starts connecting: one stream kept alive across servers,
    /// reading through a translator and writing through a send pipeline, all sharing the pending sends and the
    /// resume state. Sessions wait and pace by the system clock; tests pass a fake one.</summary>
    internal static (ReconnectingStream<TCommand> Stream, SendPipeline<TCommand> Sends) Connect<TCommand>(
        IReadOnlyList<(Uri Address, GrpcChannel Channel)> servers, ISessionRole<TCommand> role, SenderRole ownRole, string ownName,
        ResumeState resume, TimeProvider time)
        where TCommand : class
    {
        var pending = new PendingSends();
        var sends = new SendPipeline<TCommand>(role, pending, time);
        var stream = new ReconnectingStream<TCommand>(servers, role, new EventTranslator(ownRole, ownName, pending, resume), sends, time);
        return (stream, sends);
    }

    private protected Task WaitUntilAcceptedAsync(CancellationToken cancellationToken) => _stream.StartAsync(cancellationToken);
}
