using Grpc.Core;
using SupportChat.Grains.Canned;
using SupportChat.Protocol.Rules;
using SupportChat.Protocol.V1;
using SupportChat.Server.Canned;
using SupportChat.Server.Mapping;
using SupportChat.Server.Security;
using CannedRepliesBase = SupportChat.Protocol.V1.CannedReplies.CannedRepliesBase;

namespace SupportChat.Server.Services;

/// <summary>The team's canned replies, for admins: checks the request and hands it to the one grain that keeps the
/// list (which stores it and tells every node, whose agents then get the new list).</summary>
internal sealed class CannedRepliesService(IGrainFactory grains, AdminAccess admins, ILogger<CannedRepliesService> logger) : CannedRepliesBase
{
    private ICannedRepliesGrain Replies => grains.GetGrain<ICannedRepliesGrain>(ICannedRepliesGrain.Key);

    public override async Task<AddCannedReplyResponse> AddCannedReply(AddCannedReplyRequest request, ServerCallContext context)
    {
        await admins.RequireAdminAsync(context);
        var reply = new CannedReplyView(Checked(() => CannedRules.Shortcut(request.Shortcut)), Checked(() => CannedRules.Text(request.Text)));
        var replaced = await CallAsync(() => Replies.Save(reply), context);
        CannedLog.Changed(logger, reply.Shortcut, replaced ? "replaced" : "added");
        return new AddCannedReplyResponse { Reply = CannedMapper.ToWire(reply), Replaced = replaced };
    }

    public override async Task<ListCannedRepliesResponse> ListCannedReplies(ListCannedRepliesRequest request, ServerCallContext context)
    {
        await admins.RequireAdminAsync(context);
        var replies = await CallAsync(() => Replies.List(), context);
        return new ListCannedRepliesResponse { Replies = { CannedMapper.ToWire(replies) } };
    }

    public override async Task<RemoveCannedReplyResponse> RemoveCannedReply(RemoveCannedReplyRequest request, ServerCallContext context)
    {
        await admins.RequireAdminAsync(context);
        var shortcut = Checked(() => CannedRules.Shortcut(request.Shortcut));
        if (!await CallAsync(() => Replies.Remove(shortcut), context))
        {
            ChatErrors.Throw(StatusCode.NotFound, $"there is no canned reply /{shortcut}.");
        }

        CannedLog.Changed(logger, shortcut, "removed");
        return new RemoveCannedReplyResponse();
    }

    private static string Checked(Func<string> rule)
    {
        try
        {
            return rule();
        }
        catch (InvalidCommandException ex)
        {
            throw new RpcException(new Status(StatusCode.InvalidArgument, ex.Message));
        }
    }

    /// <summary>The grain's store (or the grain's node) failing is a passing problem: Unavailable, to try again, not Unknown.</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call, ServerCallContext context)
    {
        try
        {
            return await call().WaitAsync(context.CancellationToken);
        }
        catch (Exception ex) when (ex is not (RpcException or OperationCanceledException))
        {
            throw new RpcException(new Status(StatusCode.Unavailable, "the canned replies could not be reached or stored just now; try again."));
        }
    }
}
