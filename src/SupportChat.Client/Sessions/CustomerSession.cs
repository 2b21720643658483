using Grpc.Core;
using SupportChat.Client.Events;
using SupportChat.Protocol.V1;

namespace SupportChat.Client.Sessions;

/// <summary>A customer's stream: one conversation, from the queue to its end.</summary>
public sealed class CustomerSession : ChatSession
{
    private readonly SessionStream<CustomerCommand> _stream;

    internal CustomerSession(SessionStream<CustomerCommand> stream)
        : base(stream) => _stream = stream;

    /// <summary>What this customer needs to come back to its conversation later, from this or another process
    /// (null until the server has welcomed it). LastSeq is the highest message seq delivered to <see cref="ChatSession.Events"/>.</summary>
    public CustomerResume? Resume => _stream.Translator.CustomerResume;

    /// <summary>Queues a message; its outcome arrives as a <see cref="MessageReceived"/> (own) or a <see cref="ServerError"/> event.</summary>
    /// <returns>The send's client_msg_id.</returns>
    public async Task<string> PostAsync(string text, CancellationToken cancellationToken) =>
        (await _stream.QueueSendAsync(null, text, cancellationToken)).ClientMsgId;

    /// <summary>Sends a message and waits until the server has stored it.</summary>
    /// <exception cref="ChatClientException">The server rejected it, or the stream closed first.</exception>
    public async Task<MessageReceived> SendAsync(string text, CancellationToken cancellationToken)
    {
        var send = await _stream.QueueSendAsync(null, text, cancellationToken);
        return await send.Outcome.WaitAsync(cancellationToken);
    }

    /// <summary>Tells the agent this customer is typing.</summary>
    public Task TypingAsync(CancellationToken cancellationToken) =>
        _stream.QueueAsync(new CustomerCommand { Typing = new Typing() }, cancellationToken);

    /// <summary>Tells the agent this customer has read up to <paramref name="seq"/>.</summary>
    public Task MarkReadAsync(long seq, CancellationToken cancellationToken) =>
        _stream.QueueAsync(new CustomerCommand { Read = new MarkRead { Seq = seq } }, cancellationToken);

    /// <summary>Ends the conversation; an ended event follows and the server closes the stream.</summary>
    public Task EndAsync(CancellationToken cancellationToken) =>
        _stream.QueueAsync(new CustomerCommand { End = new EndConversation() }, cancellationToken);
}
