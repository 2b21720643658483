using Microsoft.Extensions.Logging.Abstractions;
using SupportChat.Protocol.V1;
using SupportChat.Server.Configuration;
using SupportChat.Server.Metrics;
using SupportChat.Server.Streams.Sessions;
using SupportChat.Server.Tests.Fakes;

namespace SupportChat.Server.Tests.Support;

/// <summary>A session on a recording response stream with fake grains, and the events it wrote (batches unpacked).</summary>
internal sealed class SessionHarness : IAsyncDisposable
{
    private readonly List<ServerEvent> _seen = [];

    public SessionHarness(ChatOptions? options = null, ISessionParticipant? participant = null, SupportChatMetrics? metrics = null)
    {
        Options = options ?? new ChatOptions();
        Participant = participant ?? new TestParticipant();
        Session = new ParticipantSession(Participant, new EventWriter(Responses, Participant.BatchEvents), Grains, Options,
            NullLogger.Instance, metrics: metrics);
    }

    public ChatOptions Options { get; }

    public ISessionParticipant Participant { get; }

    public FakeChatGrains Grains { get; } = new();

    public TestServerStreamWriter Responses { get; } = new();

    public ParticipantSession Session { get; }

    /// <summary>Runs the writer loop over everything posted so far and returns what it wrote.</summary>
    public async Task<IReadOnlyList<ServerEvent>> DrainAsync()
    {
        Session.Complete();
        await Session.RunAsync(CancellationToken.None).WithTimeout("the writer loop to write what was posted");
        var events = new List<ServerEvent>();
        while (Responses.Frames.TryRead(out var frame))
        {
            events.AddRange(frame.Event.EventCase == ServerEvent.EventOneofCase.Batch ? frame.Event.Batch.Events : [frame.Event]);
        }

        return events;
    }

    /// <summary>The next event the session writes, batches unpacked.</summary>
    public async Task<ServerEvent> NextAsync(string what)
    {
        while (_seen.Count == 0)
        {
            var frame = await Responses.Frames.NextAsync(what);
            _seen.AddRange(frame.Event.EventCase == ServerEvent.EventOneofCase.Batch ? frame.Event.Batch.Events : [frame.Event]);
        }

        var next = _seen[0];
        _seen.RemoveAt(0);
        return next;
    }

    public async ValueTask DisposeAsync() => await Session.DisposeAsync().AsTask().WithTimeout("the session to close");
}
