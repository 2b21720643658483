using SupportChat.Server.Logging;
using SupportChat.Server.Mapping;
using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Streams.Commands;

/// <summary>A command that fails for an expected reason (a rule, a refusal from a grain) becomes an error event for its
/// participant while the stream stays open; an unexpected failure is logged and reported as Internal.</summary>
internal static class CommandGuard
{
    public static async Task RunAsync(ParticipantSession session, ILogger logger, string? conversationId, Func<Task> command)
    {
        try
        {
            await command();
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            if (!ChatErrors.TryDescribe(ex, out var code, out var message))
            {
                ServerLog.CommandFailed(logger, ex, session.ParticipantId);
            }

            session.Post(new ErrorInput(code, message, ConversationId: conversationId));
        }
    }
}
