namespace SupportChat.Server.Streams.Sessions;

/// <summary>Who a session serves, as far as the session needs to know.</summary>
internal interface ISessionParticipant
{
    string ParticipantId { get; }

    /// <summary>A customer's stream closes once its conversation has ended.</summary>
    bool EndsWithConversation { get; }

    /// <summary>The client said in its hello that it reads EventBatch events.</summary>
    bool BatchEvents { get; }

    /// <summary>The highest seq the client has shown, per conversation: it gets what comes after.</summary>
    IReadOnlyDictionary<string, long> Cursors { get; }

    /// <summary>Issue 21: whether the stream may carry private notes. Only an agent's does; everything else (a customer's
    /// stream, the browser's) never writes one, whatever reaches it.</summary>
    bool SeesNotes => false;

    /// <summary>Called on the writer loop before the session registers again with its conversations (periodically,
    /// and after a node of the cluster died).</summary>
    Task BeforeRefreshAsync(ParticipantSession session, CancellationToken token);
}
