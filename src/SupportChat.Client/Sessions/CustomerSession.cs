using Grpc.Net.Client;
using SupportChat.Client.Delivery;
using SupportChat.Client.Events;
using SupportChat.Protocol.V1;
using SenderRole = SupportChat.Client.Events.SenderRole;

namespace SupportChat.Client.Sessions;

/// <summary>A customer's stream: one conversation, from the queue to its end.</summary>
public sealed class CustomerSession : ChatSession
{
    private readonly SendPipeline<CustomerCommand> _sends;
    private readonly ResumeState _resume;

    private CustomerSession(ISessionStream stream, SendPipeline<CustomerCommand> sends, ResumeState resume)
        : base(stream)
    {
        _sends = sends;
        _resume = resume;
    }

    /// <summary>What this customer needs to come back to its conversation later, from this or another process
    /// (null until the server has welcomed it). LastSeq is the highest message seq delivered to <see cref="ChatSession.Events"/>.</summary>
    public CustomerResume? Resume => _resume.CustomerResume;

    /// <summary>Queues a message; its outcome arrives as a <see cref="MessageReceived"/> (own) or a <see cref="ServerError"/> event.
    /// A send the server cannot take for a passing reason is sent again by itself, ahead of the later ones (see
    /// <see cref="ServerError"/> for the notice that says it is held).</summary>
    /// <returns>The send's client_msg_id.</returns>
    public async Task<string> PostAsync(string text, CancellationToken cancellationToken) =>
        (await _sends.QueueSendAsync(null, text, cancellationToken)).ClientMsgId;

    /// <summary>Sends a message and waits until the server has stored it. Messages are stored in the order they were
    /// sent: one the server cannot take for a passing reason (Unavailable, ResourceExhausted) is sent again by itself,
    /// with the later ones after it, for as long as the session lives, so this may wait through an outage (cancelling
    /// stops the wait, not the send).</summary>
    /// <exception cref="ChatClientException">The server rejected it for good, or the session closed first.</exception>
    public async Task<MessageReceived> SendAsync(string text, CancellationToken cancellationToken)
    {
        var send = await _sends.QueueSendAsync(null, text, cancellationToken);
        return await send.Outcome.WaitAsync(cancellationToken);
    }

    /// <summary>Tells the agent this customer is typing.</summary>
    public Task TypingAsync(CancellationToken cancellationToken) =>
        _sends.QueueAsync(new CustomerCommand { Typing = new Typing() }, cancellationToken);

    /// <summary>Tells the agent this customer has read up to <paramref name="seq"/>.</summary>
    public Task MarkReadAsync(long seq, CancellationToken cancellationToken) =>
        _sends.QueueAsync(new CustomerCommand { Read = new MarkRead { Seq = seq } }, cancellationToken);

    /// <summary>Ends the conversation; an ended event follows and the server closes the stream.</summary>
    public Task EndAsync(CancellationToken cancellationToken) =>
        _sends.QueueAsync(new CustomerCommand { End = new EndConversation() }, cancellationToken);

    /// <summary>Joins (or resumes, with <see cref="CustomerJoin.Resume"/>) and returns once the server has welcomed the customer.</summary>
    internal static async Task<CustomerSession> StartAsync(
        IReadOnlyList<(Uri Address, GrpcChannel Channel)> servers, CustomerJoin join, CancellationToken cancellationToken)
    {
        var resume = new ResumeState(join.Resume);
        var (stream, sends) = Connect(servers, new CustomerRole(join, resume), SenderRole.Customer, join.Name.Trim(), resume, TimeProvider.System);
        var session = new CustomerSession(stream, sends, resume);
        await session.WaitUntilAcceptedAsync(cancellationToken);
        return session;
    }
}
