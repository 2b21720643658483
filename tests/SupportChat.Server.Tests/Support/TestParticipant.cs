using SupportChat.Server.Streams.Sessions;

namespace SupportChat.Server.Tests.Support;

/// <summary>The participant a session under test serves.</summary>
internal sealed class TestParticipant(string participantId = "customer-1", bool endsWithConversation = true, bool batchEvents = false)
    : ISessionParticipant
{
    public string ParticipantId => participantId;

    public bool EndsWithConversation => endsWithConversation;

    public bool BatchEvents => batchEvents;

    public IReadOnlyDictionary<string, long> Cursors { get; init; } = new Dictionary<string, long>();

    public Task BeforeRefreshAsync(ParticipantSession session, CancellationToken token) => Task.CompletedTask;
}
