using SupportChat.Cli.Exit;
using SupportChat.Cli.Output;
using SupportChat.Cli.Sessions;
using SupportChat.Client;
using SupportChat.Client.Connection;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat history --session FILE</c> (or <c>--name NAME</c> for the file <c>customer</c> keeps by
/// default): a customer's own transcript, read with the customer's history token
/// <c>customer:&lt;customer id&gt;:&lt;conversation id&gt;:&lt;session token&gt;</c>, the same view the server gives a
/// customer anywhere (never agents' notes).</summary>
internal static class CustomerHistory
{
    public static async Task<int> RunAsync(string servers, string path, string? ca, bool json, CancellationToken cancel)
    {
        if (new CustomerSessionFile(path).Load() is not { } saved)
        {
            await Console.Error.WriteLineAsync(
                $"supportchat history: no conversation in '{path}': it is kept there by 'supportchat customer' while the conversation is open.");
            return ExitCodes.Usage;
        }

        var resume = saved.Resume;
        var token = $"customer:{resume.CustomerId}:{resume.ConversationId}:{resume.SessionToken}";
        SupportChatConnection connection;
        try
        {
            connection = SupportChatConnection.Create(servers, new ConnectionOptions(ca, token));
        }
        catch (ArgumentException ex)
        {
            await Console.Error.WriteLineAsync($"supportchat history: {ex.Message.Split(" (Parameter")[0]}");
            return ExitCodes.Usage;
        }

        await using (connection)
        {
            try
            {
                var transcript = await connection.GetTranscriptAsync(resume.ConversationId, cancel);
                if (json)
                {
                    HistoryOutput.WriteTranscript(transcript, json: true);
                }
                else
                {
                    await Console.Out.WriteAsync(CustomerTranscriptText.Build(transcript));
                }

                return ExitCodes.Ok;
            }
            catch (ChatClientException ex)
            {
                await Console.Error.WriteLineAsync(ex.Code == "Unavailable" ? $"supportchat history: {ex.Message}." : $"supportchat history: {ex.Message} [{ex.Code}]");
                return ex.Code is "InvalidArgument" or "NotFound" or "PermissionDenied" or "Unauthenticated" ? ExitCodes.Usage : ExitCodes.Failed;
            }
        }
    }
}
