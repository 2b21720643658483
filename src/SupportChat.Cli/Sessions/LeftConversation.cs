using SupportChat.Client;
using SupportChat.Client.Connection;

namespace SupportChat.Cli.Sessions;

/// <summary>Ends a conversation the customer left behind before starting the next one, within a bounded time.</summary>
internal static class LeftConversation
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <exception cref="ChatClientException">No server answered, or none confirmed the end in time: the session file keeps
    /// the conversation, to be ended at the next start.</exception>
    public static async Task EndAsync(SupportChatConnection connection, CustomerResume leftBehind, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Patience);
        try
        {
            await connection.EndCustomerConversationAsync(leftBehind, timeout.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            throw new ChatClientException("DeadlineExceeded",
                $"the server did not confirm the end of your earlier conversation {leftBehind.ConversationId} within {Patience.TotalSeconds:0} s; try again.");
        }
    }
}
