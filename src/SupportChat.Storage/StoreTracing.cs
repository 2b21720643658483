using System.Diagnostics;

namespace SupportChat.Storage;

/// <summary>
/// The store's spans, on the ActivitySource "SupportChat" (the server's own spans use the same name). Each write gets a
/// span of its caller's trace ("supportchat.store.write", from queued to durable), so every send's trace ends in the
/// store. One group commit serves writes of many traces, so its span ("supportchat.store.commit") is a child of the
/// first write of its batch and links to every write of the batch: followed from any send, the link leads to the
/// transaction that made it durable. Without a listener (tracing off) no span is made and nothing is allocated.
/// </summary>
internal static class StoreTracing
{
    public const string SourceName = "SupportChat";

    private static readonly ActivitySource Source = new(SourceName);

    /// <summary>A write's span, started in the caller's context and left running; the caller's current activity is
    /// left as it was (the write is only queued here).</summary>
    public static Activity? StartWrite(string kind)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var caller = Activity.Current;
        var span = Source.StartActivity("supportchat.store.write");
        span?.SetTag("supportchat.store.write.kind", kind);
        Activity.Current = caller;
        return span;
    }

    /// <summary>The transaction's span, or null when nobody listens or none of its writes is traced.</summary>
    public static Activity? StartCommit(IReadOnlyList<PendingWrite> batch)
    {
        if (!Source.HasListeners())
        {
            return null;
        }

        var links = new List<ActivityLink>(batch.Count);
        foreach (var write in batch)
        {
            if (write.Span is { } span)
            {
                links.Add(new ActivityLink(span.Context));
            }
        }

        var commit = Source.StartActivity("supportchat.store.commit", ActivityKind.Internal,
            links.Count > 0 ? links[0].Context : default, links: links);
        commit?.SetTag("supportchat.store.commit.size", batch.Count);
        return commit;
    }

    /// <summary>Ends a span with the outcome of its transaction.</summary>
    public static void End(Activity? span, Exception? failure)
    {
        if (span is null)
        {
            return;
        }

        if (failure is not null)
        {
            span.SetStatus(ActivityStatusCode.Error, failure.Message);
        }

        span.Stop();
    }
}
