using System.Diagnostics;

namespace SupportChat.Server.Metrics;

/// <summary>
/// SupportChat's spans at the edge, on the ActivitySource "SupportChat": one per participant's start (a customer's join
/// or resume, an agent's sign-in) and one per command read off a stream (a run of sends, or another command), each a
/// child of the gRPC call's span. The grain calls below them are Orleans' spans (activity propagation), and the store's
/// are made where the writes are queued (SupportChat.Storage). Without a listener none is made.
/// </summary>
internal static class ChatActivities
{
    public const string SourceName = "SupportChat";

    public static readonly ActivitySource Source = new(SourceName);

    public static Activity? Start(string name, string role, string participantId)
    {
        var span = Source.StartActivity(name);
        span?.SetTag("supportchat.role", role);
        span?.SetTag("supportchat.participant.id", participantId);
        return span;
    }

    /// <summary>Marks a span as failed by <paramref name="failure"/> (the refusal the stream reports).</summary>
    public static void Failed(Activity? span, Exception failure) => span?.SetStatus(ActivityStatusCode.Error, failure.Message);
}
