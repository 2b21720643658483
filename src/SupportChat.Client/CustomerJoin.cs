namespace SupportChat.Client;

/// <summary>
/// Who a customer is and where they want help; a null department means the server's first one. With
/// <paramref name="Resume"/>, the customer comes back to an earlier conversation instead. <paramref name="Email"/>, optional, is
/// shown to the agent and kept with the conversation (at most 254 characters, one '@', no spaces).
/// </summary>
public sealed record CustomerJoin(string Name, string? Department = null, CustomerResume? Resume = null, string? Email = null)
{
    /// <summary>Why the server would refuse <paramref name="email"/> (the protocol's rule), or null when it would take it.</summary>
    public static string? EmailProblem(string? email)
    {
        try
        {
            Protocol.Rules.CommandRules.Email(email);
            return null;
        }
        catch (Protocol.Rules.InvalidCommandException ex)
        {
            return ex.Message;
        }
    }
}

/// <summary>What a customer needs to come back to its conversation, even from a new process: the ids and
/// token from its welcome, and LastSeq, the highest message seq already shown (the server replays what follows).</summary>
public sealed record CustomerResume(string CustomerId, string SessionToken, string ConversationId, long LastSeq)
{
    /// <summary>The token that lets this customer read its own conversation's history (<see cref="ConnectionOptions.Token"/>).</summary>
    public string HistoryToken => $"customer:{CustomerId}:{ConversationId}:{SessionToken}";
}
