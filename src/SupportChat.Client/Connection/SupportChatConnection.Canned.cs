using SupportChat.Client.Canned;
using SupportChat.Client.Mapping;
using SupportChat.Protocol.V1;
using CannedReply = SupportChat.Client.Canned.CannedReply;

namespace SupportChat.Client.Connection;

public sealed partial class SupportChatConnection
{
    /// <summary>Adds a canned reply, or replaces the text of the one with that shortcut (admin token).</summary>
    /// <exception cref="ChatClientException">InvalidArgument for a malformed shortcut or text; Unauthenticated or
    /// PermissionDenied without an admin token.</exception>
    public Task<CannedReplySaved> AddCannedReplyAsync(string shortcut, string text, CancellationToken cancellationToken) =>
        CallAsync(async channel =>
        {
            var response = await new Protocol.V1.CannedReplies.CannedRepliesClient(channel).AddCannedReplyAsync(
                new AddCannedReplyRequest { Shortcut = shortcut, Text = text }, cancellationToken: cancellationToken);
            return new CannedReplySaved(CannedMapper.FromWire(response.Reply ?? new Protocol.V1.CannedReply()), response.Replaced);
        }, cancellationToken);

    /// <summary>Every canned reply, in shortcut order (admin token).</summary>
    public Task<IReadOnlyList<CannedReply>> ListCannedRepliesAsync(CancellationToken cancellationToken) =>
        CallAsync<IReadOnlyList<CannedReply>>(async channel =>
        {
            var response = await new Protocol.V1.CannedReplies.CannedRepliesClient(channel).ListCannedRepliesAsync(
                new ListCannedRepliesRequest(), cancellationToken: cancellationToken);
            return [.. response.Replies.Select(CannedMapper.FromWire)];
        }, cancellationToken);

    /// <summary>Removes a canned reply (admin token).</summary>
    /// <exception cref="ChatClientException">NotFound when no reply has that shortcut.</exception>
    public Task RemoveCannedReplyAsync(string shortcut, CancellationToken cancellationToken) =>
        CallAsync(async channel =>
        {
            await new Protocol.V1.CannedReplies.CannedRepliesClient(channel).RemoveCannedReplyAsync(
                new RemoveCannedReplyRequest { Shortcut = shortcut }, cancellationToken: cancellationToken);
            return true;
        }, cancellationToken);
}
