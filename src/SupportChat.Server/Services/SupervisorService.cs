using Grpc.Core;
using SupportChat.Protocol.V1;
using SupportChat.Server.Security;
using SupportChat.Server.Streams.Supervisor;
using SupervisorBase = SupportChat.Protocol.V1.Supervisor.SupervisorBase;

namespace SupportChat.Server.Services;

/// <summary>The team lead's live view (docs/protocol.md, "Supervisor"): admins only.</summary>
internal sealed class SupervisorService(AdminAccess admin, BoardWatch watch) : SupervisorBase
{
    public override async Task Watch(WatchRequest request, IServerStreamWriter<BoardUpdate> responseStream, ServerCallContext context)
    {
        await admin.RequireAdminAsync(context);
        await watch.RunAsync(responseStream, context.CancellationToken);
    }
}
