using Grpc.Core;
using Microsoft.Extensions.Options;
using SupportChat.Domain;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Security;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Participants;

/// <summary>
/// A customer's stream: join a department (or resume an earlier conversation with its session token), chat in
/// one conversation, and close when it ends. A dropped stream does not end the conversation: the customer has
/// the grace period to come back.
/// </summary>
internal sealed class CustomerRole(
    IChatGrains grains, DepartmentCatalog departments, SessionTokens tokens, IOptions<ChatOptions> options, TimeProvider time,
    ILogger<CustomerRole> logger) : IParticipantRole<CustomerCommand>
{
    public string Name => "Customer";

    public bool IsHello(CustomerCommand command) => command.CommandCase == CustomerCommand.CommandOneofCase.Hello;

    public bool IsSend(CustomerCommand command) => command.CommandCase == CustomerCommand.CommandOneofCase.Send;

    public Task<IParticipant<CustomerCommand>> AcceptAsync(CustomerCommand hello, ServerCallContext context) =>
        Task.FromResult<IParticipant<CustomerCommand>>(Accept(hello.Hello, streamId: string.Empty));

    /// <summary>Checks a customer's hello, from a bidi stream or a browser's Events stream (whose
    /// <paramref name="streamId"/> the Welcome names; empty for a bidi stream).</summary>
    public CustomerParticipant Accept(CustomerHello hello, string streamId)
    {
        var arrival = hello.Resume is { } resume ? Returning(resume) : Joining(hello);
        return new CustomerParticipant(arrival with { StreamId = streamId }, hello.BatchEvents, grains, tokens, options.Value, time, logger);
    }

    private CustomerArrival Joining(CustomerHello hello) => new(
        Ids.NewCustomerId(), Ids.NewConversationId(), CommandRules.Name(hello.Name), departments.Resolve(hello.Department), 0, IsNew: true)
    {
        Email = CommandRules.Email(hello.Email),
    };

    private CustomerArrival Returning(ResumeSession resume)
    {
        var problem = resume.CustomerId.Length == 0 || resume.ConversationId.Length == 0
            ? "the customer id and conversation id are required"
            : tokens.Check(resume.CustomerId, resume.ConversationId, resume.SessionToken);
        if (problem is not null)
        {
            throw ChatException.Unauthenticated($"this session cannot be resumed: {problem}. Join again without resume.");
        }

        // last_seq is checked by the conversation, which knows its last seq (OutOfRange outside 0 to it).
        return new CustomerArrival(resume.CustomerId, resume.ConversationId, string.Empty, string.Empty, resume.LastSeq, IsNew: false);
    }
}

/// <summary>Who is on the stream: a new customer, or one coming back to its conversation.</summary>
internal sealed record CustomerArrival(string CustomerId, string ConversationId, string Name, string Department, long LastSeq, bool IsNew)
{
    /// <summary>The e-mail a new customer gave (empty: none); a returning one's is the conversation's.</summary>
    public string Email { get; init; } = string.Empty;

    /// <summary>The browser Events stream this is, named in its Welcome; empty for a bidi stream.</summary>
    public string StreamId { get; init; } = string.Empty;
}
