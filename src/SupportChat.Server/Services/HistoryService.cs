using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using SupportChat.Domain.Conversations;
using SupportChat.Protocol.V1;
using SupportChat.Server.Mapping;
using SupportChat.Storage;
using HistoryBase = SupportChat.Protocol.V1.History.HistoryBase;

namespace SupportChat.Server.Services;

/// <summary>Read-only history straight from the store, so it is the same before and after a restart.</summary>
internal sealed class HistoryService(IChatStore store) : HistoryBase
{
    public override async Task<ListConversationsResponse> ListConversations(ListConversationsRequest request, ServerCallContext context)
    {
        if (request.Limit < 0)
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "limit must not be negative.");
        }

        var conversations = await store.ListConversationsAsync(request.Limit, context.CancellationToken);
        return new ListConversationsResponse { Conversations = { conversations.Select(MapSummary) } };
    }

    public override async Task<GetTranscriptResponse> GetTranscript(GetTranscriptRequest request, ServerCallContext context)
    {
        if (string.IsNullOrWhiteSpace(request.ConversationId))
        {
            ChatErrors.Throw(StatusCode.InvalidArgument, "conversation_id is required.");
        }

        var conversation = await store.GetConversationAsync(request.ConversationId, context.CancellationToken);
        if (conversation is null)
        {
            ChatErrors.Throw(StatusCode.NotFound, $"conversation {request.ConversationId} does not exist.");
        }

        var messages = await store.GetMessagesAsync(conversation.Id, 0, context.CancellationToken);
        return new GetTranscriptResponse
        {
            Conversation = MapSummary(conversation),
            Messages = { messages.Select(m => EventMapper.Message(Grains.Contracts.MessageView.Of(m)).Message) },
        };
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
    };
}
