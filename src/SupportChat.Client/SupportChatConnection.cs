using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Client.Connection;
using SupportChat.Client.History;
using SupportChat.Client.Sessions;
using SenderRole = SupportChat.Domain.Messages.SenderRole;
using SupportChat.Protocol.V1;
using ConversationSummary = SupportChat.Client.History.ConversationSummary;

namespace SupportChat.Client;

/// <summary>
/// The way in to a SupportChat server: starts agent and customer sessions and reads history.
/// With several servers, each request tries them in order until one answers.
/// </summary>
public sealed class SupportChatConnection : IAsyncDisposable
{
    private readonly GrpcChannel[] _channels;

    private SupportChatConnection(IReadOnlyList<Uri> servers)
    {
        Servers = servers;
        _channels = [.. servers.Select(ChannelFactory.Create)];
    }

    /// <summary>The servers, in the order they are tried.</summary>
    public IReadOnlyList<Uri> Servers { get; }

    /// <summary>Creates a connection to one server URL or several separated by commas.</summary>
    /// <exception cref="ArgumentException">An address is not an http(s) URL.</exception>
    public static SupportChatConnection Create(string servers) => new(ServerList.Parse(servers));

    /// <summary>Joins a department's queue as a customer; returns once the server has accepted the customer.</summary>
    /// <exception cref="ChatClientException">The server refused (e.g. InvalidArgument for a bad name or unknown department) or no server answered.</exception>
    public Task<CustomerSession> StartCustomerAsync(CustomerJoin join, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(join);
        var hello = new CustomerHello { Name = join.Name, Department = join.Department ?? string.Empty };
        return StartAsync(channel =>
        {
            var pending = new PendingSends();
            var call = new Protocol.V1.SupportChat.SupportChatClient(channel).Customer(cancellationToken: CancellationToken.None);
            return new CustomerSession(new SessionStream<CustomerCommand>(call, new CustomerCommand { Hello = hello }, new EventTranslator(SenderRole.Customer, join.Name.Trim(), pending), pending));
        }, (session, token) => session.StartAsync(token), cancellationToken);
    }

    /// <summary>Signs an agent in; returns once the server has sent its ready event.</summary>
    /// <exception cref="ChatClientException">The server refused (e.g. InvalidArgument) or no server answered.</exception>
    public Task<AgentSession> StartAgentAsync(AgentSignIn signIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        var hello = new AgentHello { Name = signIn.Name, Title = signIn.Title ?? string.Empty, Capacity = signIn.Capacity ?? 0 };
        hello.Departments.AddRange(signIn.Departments);
        return StartAsync(channel =>
        {
            var pending = new PendingSends();
            var call = new Protocol.V1.SupportChat.SupportChatClient(channel).Agent(cancellationToken: CancellationToken.None);
            return new AgentSession(new SessionStream<AgentCommand>(call, new AgentCommand { Hello = hello }, new EventTranslator(SenderRole.Agent, signIn.Name.Trim(), pending), pending));
        }, (session, token) => session.StartAsync(token), cancellationToken);
    }

    /// <summary>Conversations, newest first; <paramref name="limit"/> 0 means all.</summary>
    public Task<IReadOnlyList<ConversationSummary>> ListConversationsAsync(int limit, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<ConversationSummary>>(async channel =>
        {
            var response = await new Protocol.V1.History.HistoryClient(channel)
                .ListConversationsAsync(new ListConversationsRequest { Limit = limit }, cancellationToken: cancellationToken);
            return [.. response.Conversations.Select(HistoryMapper.Summary)];
        }, cancellationToken);

    /// <summary>One conversation's transcript.</summary>
    /// <exception cref="ChatClientException">NotFound for an unknown id.</exception>
    public Task<Transcript> GetTranscriptAsync(string conversationId, CancellationToken cancellationToken) =>
        CallAsync(async channel =>
        {
            var response = await new Protocol.V1.History.HistoryClient(channel)
                .GetTranscriptAsync(new GetTranscriptRequest { ConversationId = conversationId }, cancellationToken: cancellationToken);
            return new Transcript(HistoryMapper.Summary(response.Conversation), [.. response.Messages.Select(HistoryMapper.Message)]);
        }, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private async Task<TSession> StartAsync<TSession>(Func<GrpcChannel, TSession> open, Func<TSession, CancellationToken, Task> start, CancellationToken cancellationToken)
    {
        ChatClientException? last = null;
        foreach (var channel in _channels)
        {
            var session = open(channel);
            try
            {
                await start(session, cancellationToken);
                return session;
            }
            catch (ChatClientException ex) when (ex.Code == nameof(StatusCode.Unavailable))
            {
                last = ex;
            }
        }

        throw last ?? new ChatClientException(nameof(StatusCode.Unavailable), "no server to connect to.");
    }

    private async Task<T> CallAsync<T>(Func<GrpcChannel, Task<T>> call, CancellationToken cancellationToken)
    {
        RpcException? last = null;
        foreach (var channel in _channels)
        {
            try
            {
                return await call(channel);
            }
            catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && !cancellationToken.IsCancellationRequested)
            {
                last = ex;
            }
            catch (RpcException ex)
            {
                throw new ChatClientException(ex.StatusCode.ToString(), ex.Status.Detail, ex);
            }
        }

        throw new ChatClientException(nameof(StatusCode.Unavailable), last?.Status.Detail ?? "no server to connect to.", last);
    }
}
