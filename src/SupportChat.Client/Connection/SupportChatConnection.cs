using Grpc.Core;
using Grpc.Net.Client;
using SupportChat.Client.Delivery;
using SupportChat.Client.Events;
using SupportChat.Client.Feed;
using SupportChat.Client.History;
using SupportChat.Client.Mapping;
using SupportChat.Client.Sessions;
using SupportChat.Protocol.V1;
using ConversationSummary = SupportChat.Client.History.ConversationSummary;
using FeedEvent = SupportChat.Client.Feed.FeedEvent;

namespace SupportChat.Client.Connection;

/// <summary>
/// The way in to a SupportChat server: starts agent and customer sessions and reads history.
/// With several servers, each request tries them in order until one answers.
/// </summary>
public sealed partial class SupportChatConnection : IAsyncDisposable
{
    private const int UnaryRounds = 4;
    private readonly GrpcChannel[] _channels;
    private readonly (Uri Address, GrpcChannel Channel)[] _servers;

    private SupportChatConnection(IReadOnlyList<Uri> servers, ConnectionOptions options)
    {
        Servers = servers;
        _channels = [.. servers.Select(s => ChannelFactory.Create(s, options))];
        _servers = [.. servers.Zip(_channels)];
    }

    /// <summary>The servers, in the order they are tried.</summary>
    public IReadOnlyList<Uri> Servers { get; }

    /// <summary>Creates a connection to one server URL or several separated by commas.</summary>
    /// <exception cref="ArgumentException">An address is not an http(s) URL.</exception>
    public static SupportChatConnection Create(string servers) => new(ServerList.Parse(servers), new ConnectionOptions());

    /// <summary>Creates a connection with a private certificate authority and/or a token.</summary>
    /// <exception cref="ArgumentException">An address is not an http(s) URL, or the CA file cannot be read.</exception>
    public static SupportChatConnection Create(string servers, ConnectionOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return new(ServerList.Parse(servers), options);
    }

    /// <summary>Joins a department's queue as a customer (or comes back to an earlier conversation with
    /// <see cref="CustomerJoin.Resume"/>); returns once the server has accepted the customer. The session then
    /// reconnects and resumes by itself whenever the connection breaks.</summary>
    /// <exception cref="ChatClientException">The server refused (e.g. InvalidArgument for a bad name or unknown department,
    /// Unauthenticated for a resume it does not recognise) or no server answered (Unavailable).</exception>
    public async Task<CustomerSession> StartCustomerAsync(CustomerJoin join, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(join);
        return await CustomerSession.StartAsync(_servers, join, cancellationToken);
    }

    /// <summary>Ends a conversation this customer left behind: one it left while no server could be reached (so its
    /// EndConversation never arrived), or one it chose not to come back to. Resumes it as <paramref name="resume"/> says
    /// and leaves, as <see cref="ChatSession.LeaveAsync"/> does; completes once the conversation has ended (now, or
    /// before: then there is nothing to do), or when it can no longer be resumed (its session expired).</summary>
    /// <exception cref="ChatClientException">No server answered (Unavailable), or the stream broke before the end was
    /// confirmed.</exception>
    public async Task EndCustomerConversationAsync(CustomerResume resume, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(resume);
        CustomerSession session;
        try
        {
            // A resume ignores the name; the session only uses it to recognise its own messages, of which there are none.
            session = await CustomerSession.StartAsync(_servers, new CustomerJoin("customer", null, resume), cancellationToken);
        }
        catch (ChatClientException ex) when (ex.Code == nameof(StatusCode.OutOfRange) && resume.LastSeq > 0)
        {
            // The cursor is past the end the server knows: nothing is shown here, so the start will do.
            await EndCustomerConversationAsync(resume with { LastSeq = 0 }, cancellationToken);
            return;
        }
        catch (ChatClientException ex) when (ex.Code is nameof(StatusCode.Unauthenticated) or nameof(StatusCode.NotFound)
            or nameof(StatusCode.PermissionDenied) or nameof(StatusCode.FailedPrecondition))
        {
            return; // expired or unknown: there is nothing left to end
        }

        await using (session)
        {
            await session.LeaveAsync(cancellationToken);
            var ended = false;
            while (session.Events.TryRead(out var chatEvent))
            {
                ended |= chatEvent is ConversationEnded;
            }

            if (!ended)
            {
                throw new ChatClientException(nameof(StatusCode.Unavailable), "the connection broke before the server confirmed the end of the conversation.");
            }
        }
    }

    /// <summary>Signs an agent in; returns once the server has sent its ready event. The session then reconnects
    /// and resumes its open conversations by itself whenever the connection breaks.</summary>
    /// <exception cref="ChatClientException">The server refused (e.g. InvalidArgument) or no server answered (Unavailable).</exception>
    public async Task<AgentSession> StartAgentAsync(AgentSignIn signIn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(signIn);
        return await AgentSession.StartAsync(_servers, signIn, cancellationToken);
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
            return new Transcript(HistoryMapper.Summary(response.Conversation), [.. response.Messages.Select(HistoryMapper.Message)])
            {
                Notes = [.. response.Notes.Select(HistoryMapper.Note)],
            };
        }, cancellationToken);

    /// <summary>The customer rates its ended conversation (1–5, optional comment). The connection must carry the
    /// customer's history token (<see cref="CustomerResume.HistoryToken"/> as its token).</summary>
    /// <exception cref="ChatClientException">InvalidArgument for a rating out of range; FailedPrecondition while the
    /// conversation is open; PermissionDenied for another conversation.</exception>
    public Task<ConversationSummary> RateConversationAsync(string conversationId, int rating, string? comment, CancellationToken cancellationToken) =>
        CallAsync(async channel =>
        {
            var response = await new Protocol.V1.History.HistoryClient(channel).RateConversationAsync(
                new RateConversationRequest { ConversationId = conversationId, Rating = rating, Comment = comment ?? string.Empty },
                cancellationToken: cancellationToken);
            return HistoryMapper.Summary(response.Conversation);
        }, cancellationToken);

    /// <summary>Opens the supervisor's live view (an admin token, or none on a loopback server without accounts); returns
    /// once the first snapshot has arrived.</summary>
    /// <exception cref="ChatClientException">Unauthenticated or PermissionDenied for a missing or non-admin token;
    /// Unavailable when no server answered.</exception>
    public Task<Board.BoardWatch> WatchBoardAsync(CancellationToken cancellationToken) => Board.BoardWatch.StartAsync(_servers, cancellationToken);
    /// <summary>The server's event feed after <paramref name="sinceCursor"/>, in cursor order (admin token). Without
    /// <paramref name="follow"/> it ends after the last stored event; with it, it goes on with new events until cancelled.
    /// The first server that answers is read; after a break, read again from the last cursor you got.</summary>
    /// <exception cref="ChatClientException">Unauthenticated or PermissionDenied without an admin token; InvalidArgument for a
    /// negative cursor; Unavailable when no server answered or the stream broke.</exception>
    public async IAsyncEnumerable<FeedEvent> ReadEventsAsync(long sinceCursor, bool follow,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var call = await CallAsync(async channel =>
        {
            var started = new Protocol.V1.EventFeed.EventFeedClient(channel)
                .Read(new ReadEventsRequest { SinceCursor = sinceCursor, Follow = follow }, cancellationToken: cancellationToken);
            try
            {
                // The first answer (an event, the end, or the refusal) shows whether this server serves the call.
                var any = await started.ResponseStream.MoveNext(cancellationToken);
                return (started, any);
            }
            catch
            {
                started.Dispose();
                throw;
            }
        }, cancellationToken);

        using var stream = call.started;
        var more = call.any;
        while (more)
        {
            yield return FeedMapper.Event(stream.ResponseStream.Current);
            more = await NextAsync(stream, cancellationToken);
        }
    }

    /// <summary>Adds a webhook (admin token): events of <paramref name="kinds"/> (or "all") are POSTed to
    /// <paramref name="url"/>, signed with the secret returned here once.</summary>
    public Task<AddedWebhook> AddWebhookAsync(string url, IReadOnlyList<string> kinds, CancellationToken cancellationToken) =>
        CallAsync(async channel =>
        {
            var response = await new Protocol.V1.EventFeed.EventFeedClient(channel)
                .AddWebhookAsync(new AddWebhookRequest { Url = url, Kinds = { kinds } }, cancellationToken: cancellationToken);
            return new AddedWebhook(FeedMapper.Webhook(response.Webhook), response.Secret);
        }, cancellationToken);

    /// <summary>Every webhook, oldest first (admin token).</summary>
    public Task<IReadOnlyList<WebhookInfo>> ListWebhooksAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<WebhookInfo>>(async channel =>
        {
            var response = await new Protocol.V1.EventFeed.EventFeedClient(channel)
                .ListWebhooksAsync(new ListWebhooksRequest(), cancellationToken: cancellationToken);
            return [.. response.Webhooks.Select(FeedMapper.Webhook)];
        }, cancellationToken);

    /// <summary>Removes a webhook and its failed events (admin token).</summary>
    /// <exception cref="ChatClientException">NotFound for an unknown id.</exception>
    public Task RemoveWebhookAsync(string id, CancellationToken cancellationToken) =>
        CallAsync(async channel => await new Protocol.V1.EventFeed.EventFeedClient(channel)
            .RemoveWebhookAsync(new RemoveWebhookRequest { Id = id }, cancellationToken: cancellationToken), cancellationToken);

    /// <summary>Events webhooks gave up on: <paramref name="webhookId"/>'s, or every webhook's when it is null.</summary>
    public Task<IReadOnlyList<FailedDeliveryInfo>> ListFailedDeliveriesAsync(string? webhookId, CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<FailedDeliveryInfo>>(async channel =>
        {
            var response = await new Protocol.V1.EventFeed.EventFeedClient(channel)
                .ListFailedDeliveriesAsync(new ListFailedDeliveriesRequest { WebhookId = webhookId ?? string.Empty }, cancellationToken: cancellationToken);
            return [.. response.Deliveries.Select(FeedMapper.Failed)];
        }, cancellationToken);

    /// <summary>Queues a webhook's failed events again; returns how many.</summary>
    public Task<int> RetryFailedDeliveriesAsync(string webhookId, CancellationToken cancellationToken) =>
        CallAsync(async channel => (await new Protocol.V1.EventFeed.EventFeedClient(channel)
            .RetryFailedDeliveriesAsync(new RetryFailedDeliveriesRequest { WebhookId = webhookId }, cancellationToken: cancellationToken)).Requeued,
            cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        return ValueTask.CompletedTask;
    }

    private static async Task<bool> NextAsync(AsyncServerStreamingCall<Protocol.V1.FeedEvent> stream, CancellationToken cancellationToken)
    {
        try
        {
            return await stream.ResponseStream.MoveNext(cancellationToken);
        }
        catch (RpcException ex) when (ex.StatusCode == StatusCode.Cancelled && cancellationToken.IsCancellationRequested)
        {
            throw new OperationCanceledException(cancellationToken);
        }
        catch (RpcException ex)
        {
            throw new ChatClientException(ex.StatusCode.ToString(), ex.Status.Detail, ex);
        }
    }

    /// <summary>A unary call on each server in turn; a few rounds, since a server may be restarting.</summary>
    private async Task<T> CallAsync<T>(Func<GrpcChannel, Task<T>> call, CancellationToken cancellationToken)
    {
        (RpcException Error, Uri Address)? last = null;
        CertificateRejectedException? rejected = null;
        for (var round = 0; round < UnaryRounds; round++)
        {
            if (round > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(250 << (round - 1)), cancellationToken);
            }

            foreach (var (address, channel) in _servers)
            {
                try
                {
                    return await call(channel);
                }
                catch (RpcException ex) when (ex.StatusCode == StatusCode.Unavailable && !cancellationToken.IsCancellationRequested)
                {
                    last = (ex, address);
                }
                catch (RpcException ex) when (CertificateRejectedException.In(ex) is { } refused && !cancellationToken.IsCancellationRequested)
                {
                    // Another server may hold a certificate this client trusts; if none does, this is the reason to give.
                    rejected = refused;
                }
                catch (RpcException ex)
                {
                    throw new ChatClientException(ex.StatusCode.ToString(), ex.Status.Detail, ex);
                }
            }
        }

        throw rejected is not null
            ? new ChatClientException(nameof(StatusCode.Unavailable), rejected.Message, rejected)
            : last is { } failed
                ? new ChatClientException(nameof(StatusCode.Unavailable), StreamOutcome.Describe(failed.Error, failed.Address, wasConnected: false), failed.Error)
                : new ChatClientException(nameof(StatusCode.Unavailable), "no server to connect to.");
    }
}
