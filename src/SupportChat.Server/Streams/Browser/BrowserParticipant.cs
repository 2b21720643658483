using SupportChat.Protocol.V1;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Browser;

/// <summary>
/// The customer of a BrowserCustomer.Events stream: the same <see cref="IParticipant{TCommand}"/> as on a bidi Customer
/// stream (same sends, holds, rate, notices, leave and drop), wrapped only so that each command's answer goes back to the
/// browser call that brought it (<see cref="BrowserReplies"/>).
/// </summary>
internal sealed class BrowserParticipant(IParticipant<CustomerCommand> customer, BrowserStream stream, TimeProvider time)
    : IParticipant<CustomerCommand>
{
    public string ParticipantId => customer.ParticipantId;

    public bool EndsWithConversation => customer.EndsWithConversation;

    public bool BatchEvents => customer.BatchEvents;

    public IReadOnlyDictionary<string, long> Cursors => customer.Cursors;

    public bool HasLeft => customer.HasLeft;

    public Task StartAsync(ParticipantSession session) => customer.StartAsync(session);

    public Task BeforeRefreshAsync(ParticipantSession session, CancellationToken token) => customer.BeforeRefreshAsync(session, token);

    public Task DropAsync(ParticipantSession session) => customer.DropAsync(session);

    public async Task SendAsync(ParticipantSession session, IReadOnlyList<CustomerCommand> run)
    {
        var replies = new BrowserReplies(stream.TakeCalls(run), time);
        CommandReplies.Enter(replies);
        try
        {
            await customer.SendAsync(session, run);
        }
        finally
        {
            replies.Finish();
        }
    }

    public async Task HandleAsync(ParticipantSession session, CustomerCommand command)
    {
        var replies = new BrowserReplies(stream.TakeCalls([command]), time);
        CommandReplies.Enter(replies);
        try
        {
            await customer.HandleAsync(session, command);
        }
        finally
        {
            replies.Finish();
        }
    }
}
