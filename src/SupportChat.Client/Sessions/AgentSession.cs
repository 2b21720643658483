using Grpc.Net.Client;
using SupportChat.Client.Delivery;
using SupportChat.Client.Events;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SenderRole = SupportChat.Client.Events.SenderRole;

namespace SupportChat.Client.Sessions;

/// <summary>An agent's stream: signed in, taking conversations up to its capacity.</summary>
/// <remarks>A <c>conversationId</c> may be null when the agent has exactly one open conversation.</remarks>
public sealed class AgentSession : ChatSession
{
    private readonly SendPipeline<AgentCommand> _sends;

    private AgentSession(ISessionStream stream, SendPipeline<AgentCommand> sends)
        : base(stream) => _sends = sends;

    /// <summary>Queues a message; its outcome arrives as a <see cref="MessageReceived"/> (own) or a <see cref="ServerError"/> event.
    /// A send the server cannot take for a passing reason is sent again by itself, ahead of the later ones (see
    /// <see cref="ServerError"/> for the notice that says it is held).</summary>
    /// <returns>The send's client_msg_id.</returns>
    public async Task<string> PostAsync(string? conversationId, string text, CancellationToken cancellationToken) =>
        (await _sends.QueueSendAsync(conversationId, text, cancellationToken)).ClientMsgId;

    /// <summary>Sends a message and waits until the server has stored it. Messages are stored in the order they were
    /// sent: one the server cannot take for a passing reason (Unavailable, ResourceExhausted) is sent again by itself,
    /// with the later ones after it, for as long as the session lives, so this may wait through an outage (cancelling
    /// stops the wait, not the send).</summary>
    /// <exception cref="ChatClientException">The server rejected it for good, or the session closed first.</exception>
    public async Task<MessageReceived> SendAsync(string? conversationId, string text, CancellationToken cancellationToken)
    {
        var send = await _sends.QueueSendAsync(conversationId, text, cancellationToken);
        return await send.Outcome.WaitAsync(cancellationToken);
    }

    /// <summary>Tells the customer this agent is typing.</summary>
    public Task TypingAsync(string? conversationId, CancellationToken cancellationToken) =>
        _sends.QueueAsync(new AgentCommand { Typing = new Typing { ConversationId = conversationId ?? string.Empty } }, cancellationToken);

    /// <summary>Tells the customer this agent has read up to <paramref name="seq"/>.</summary>
    public Task MarkReadAsync(string? conversationId, long seq, CancellationToken cancellationToken) =>
        _sends.QueueAsync(new AgentCommand { Read = new MarkRead { ConversationId = conversationId ?? string.Empty, Seq = seq } }, cancellationToken);

    /// <summary>Ends a conversation; both sides get an ended event.</summary>
    public Task EndAsync(string? conversationId, CancellationToken cancellationToken) =>
        _sends.QueueAsync(new AgentCommand { End = new EndConversation { ConversationId = conversationId ?? string.Empty } }, cancellationToken);

    /// <summary>Hands a conversation to another department's queue; this agent gets an ended event for it.</summary>
    public Task TransferAsync(string? conversationId, string department, CancellationToken cancellationToken) =>
        _sends.QueueAsync(new AgentCommand { Transfer = new Transfer { ConversationId = conversationId ?? string.Empty, Department = department } }, cancellationToken);

    /// <summary>Issue 21: hands a conversation to another department's queue with a private note, which the agent who
    /// takes it next sees first (an empty note: none).</summary>
    public Task TransferAsync(string? conversationId, string department, string note, CancellationToken cancellationToken) =>
        _sends.QueueAsync(new AgentCommand
        {
            Transfer = new Transfer { ConversationId = conversationId ?? string.Empty, Department = department, Note = Checked(() => NoteRules.Optional(note)) },
        }, cancellationToken);

    /// <summary>Issue 21: hands a conversation to a named agent (id or name), who must be signed in, available and below
    /// its capacity; otherwise a <see cref="ServerError"/> FailedPrecondition says why and the conversation stays.</summary>
    public Task HandoverAsync(string? conversationId, string agent, string note, CancellationToken cancellationToken) =>
        _sends.QueueAsync(new AgentCommand
        {
            Transfer = new Transfer { ConversationId = conversationId ?? string.Empty, Agent = agent, Note = Checked(() => NoteRules.Optional(note)) },
        }, cancellationToken);

    /// <summary>Issue 21: writes a private note into a conversation: agents see it (this one as a <see cref="NoteReceived"/>
    /// that acknowledges it), the customer never does.</summary>
    /// <returns>The note's client_msg_id.</returns>
    public async Task<string> NoteAsync(string? conversationId, string text, CancellationToken cancellationToken)
    {
        var clientMsgId = Guid.NewGuid().ToString();
        await _sends.QueueAsync(new AgentCommand
        {
            Note = new Note { ConversationId = conversationId ?? string.Empty, Text = Checked(() => NoteRules.Text(text)), ClientMsgId = clientMsgId },
        }, cancellationToken);
        return clientMsgId;
    }

    /// <summary>Becomes available or away, and optionally changes capacity (null keeps it); a ready event confirms.</summary>
    public Task SetStatusAsync(AgentAvailability status, int? capacity, CancellationToken cancellationToken) =>
        _sends.QueueAsync(new AgentCommand
        {
            Status = new SetStatus
            {
                Status = status == AgentAvailability.Away ? AgentStatus.Away : AgentStatus.Available,
                Capacity = capacity ?? 0,
            },
        }, cancellationToken);

    /// <summary>A note the server would refuse never leaves: refused here as the server would (InvalidArgument).</summary>
    private static string Checked(Func<string> rule)
    {
        try
        {
            return rule();
        }
        catch (InvalidCommandException ex)
        {
            throw new ChatClientException("InvalidArgument", ex.Message);
        }
    }

    /// <summary>Signs in and returns once the server has sent the ready event.</summary>
    internal static async Task<AgentSession> StartAsync(
        IReadOnlyList<(Uri Address, GrpcChannel Channel)> servers, AgentSignIn signIn, CancellationToken cancellationToken)
    {
        var resume = new ResumeState();
        var (stream, sends) = Connect(servers, new AgentRole(signIn, resume), SenderRole.Agent, signIn.Name.Trim(), resume, TimeProvider.System);
        var session = new AgentSession(stream, sends);
        await session.WaitUntilAcceptedAsync(cancellationToken);
        return session;
    }
}
