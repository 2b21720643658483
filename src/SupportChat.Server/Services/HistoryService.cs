using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Domain.Persistence;
using SupportChat.Grains.Board;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Mapping;
using SupportChat.Server.Metrics;
using SupportChat.Server.Security;
using SupportChat.Storage.Accounts;
using HistoryBase = SupportChat.Protocol.V1.History.HistoryBase;

namespace SupportChat.Server.Services;

/// <summary>Read-only history straight from the store, so it is the same before and after a restart; each
/// caller sees what its token allows (<see cref="HistoryViewer"/>).</summary>
internal sealed class HistoryService(IChatStore store, IAccountStore accounts, ListenFacts listen, SessionTokens sessions, TimeProvider time,
    IGrainFactory grains, SupportChatMetrics metrics)
    : HistoryBase
{
    public override async Task<ListConversationsResponse> ListConversations(ListConversationsRequest request, ServerCallContext context)
    {
        if (request.Limit < 0)
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "limit must not be negative.");
        }

        var viewer = await IdentifyAsync(context);
        var conversations = await store.ListConversationsAsync(viewer.SeesEverything ? request.Limit : 0, context.CancellationToken);
        var visible = conversations.Where(viewer.MaySee);
        if (!viewer.SeesEverything && request.Limit > 0)
        {
            visible = visible.Take(request.Limit);
        }

        return new ListConversationsResponse { Conversations = { visible.Select(MapSummary) } };
    }

    public override async Task<GetTranscriptResponse> GetTranscript(GetTranscriptRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.ConversationId))
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "conversation_id is required.");
        }

        var viewer = await IdentifyAsync(context);
        var conversation = await store.GetConversationAsync(request.ConversationId, context.CancellationToken);
        if (!viewer.SeesEverything && (conversation is null || !viewer.MaySee(conversation)))
        {
            // The same answer whether it exists or not: ids cannot be probed.
            ChatErrors.Throw(StatusCode.PermissionDenied, $"you may not read conversation {request.ConversationId}.");
        }

        if (conversation is null)
        {
            ChatErrors.Throw(StatusCode.NotFound, $"conversation {request.ConversationId} does not exist.");
        }

        var messages = await store.GetMessagesAsync(conversation.Id, 0, context.CancellationToken);
        // Issue 21: private notes are for agents and admins; a customer's session token never reads them.
        var notes = viewer.IsCustomer ? [] : await store.GetNotesAsync(conversation.Id, context.CancellationToken);
        return new GetTranscriptResponse
        {
            Conversation = MapSummary(conversation),
            Messages = { messages.Select(m => EventMapper.Message(Grains.Contracts.MessageView.Of(m)).Message) },
            Notes = { notes.Select(n => EventMapper.PrivateNote(Grains.Contracts.NoteView.Of(n))) },
        };
    }

    public override async Task<RateConversationResponse> RateConversation(RateConversationRequest request, ServerCallContext context)
    {
        var viewer = await IdentifyAsync(context);
        // The same answer for someone else's conversation and a missing one: ids cannot be probed.
        var notYours = $"you may rate only your own conversation, not {request.ConversationId}.";
        try
        {
            if (!viewer.IsCustomerOf(request.ConversationId))
            {
                throw ChatException.PermissionDenied(viewer.IsCustomer
                    ? notYours
                    : "only the customer of a conversation can rate it: call with the customer's session.");
            }

            var rating = new ConversationRating(CommandRules.Rating(request.Rating), CommandRules.Comment(request.Comment), time.GetUtcNow());
            var conversation = await store.GetConversationAsync(request.ConversationId, context.CancellationToken);
            if (conversation is null || !viewer.MaySee(conversation))
            {
                throw ChatException.PermissionDenied(notYours);
            }

            if (conversation.Status != ConversationStatus.Ended)
            {
                throw ChatException.FailedPrecondition("a conversation can be rated once it has ended.");
            }

            await store.RateAsync(conversation.Id, rating, context.CancellationToken);
            metrics.Rated(rating.Score);
            await grains.GetGrain<ISupervisorBoardGrain>(ISupervisorBoardGrain.Key).Rated(new RatingReport(conversation.Id, rating.Score, rating.RatedAt));
            return new RateConversationResponse { Conversation = MapSummary(conversation with { Rating = rating }) };
        }
        catch (Exception ex) when (ChatErrors.IsRefusal(ex))
        {
            throw ChatErrors.ToRpcException(ex);
        }
    }

    private async Task<HistoryViewer> IdentifyAsync(ServerCallContext context)
    {
        try
        {
            return await HistoryViewer.IdentifyAsync(context, accounts, listen, sessions);
        }
        catch (ChatException ex)
        {
            throw ChatErrors.ToRpcException(ex);
        }
    }

    private static ConversationSummary MapSummary(ConversationRecord c) => new()
    {
        ConversationId = c.Id,
        CustomerName = c.CustomerName,
        Agents = { c.Agents },
        Department = c.Department,
        StartedAt = Timestamp.FromDateTimeOffset(c.StartedAt),
        EndedAt = c.EndedAt is { } ended ? Timestamp.FromDateTimeOffset(ended) : null,
        MessageCount = c.MessageCount,
        Status = c.Status.ToString().ToLowerInvariant(),
        Rating = c.Rating?.Score ?? 0,
        RatingComment = c.Rating?.Comment ?? string.Empty,
        CustomerEmail = c.CustomerEmail ?? string.Empty,
    };
}
