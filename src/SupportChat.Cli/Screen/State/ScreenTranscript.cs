using SupportChat.Cli.Input;
using SupportChat.Client.Events;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Screen.State;

/// <summary>
/// A conversation's messages as the screen shows them: in seq order, each once, however often the session delivers it;
/// then the person's own messages the server has not acknowledged yet, marked, in the order they were sent (the server
/// stores a sender's messages in that order, so each acknowledgement replaces the oldest of them).
/// </summary>
internal sealed class ScreenTranscript
{
    public const string NotSentYet = "not sent yet";
    public const string NotSent = "not sent";

    private readonly List<TranscriptLine> _lines = [];
    private readonly List<PendingMessage> _pending = [];

    /// <summary>The messages the server has stored, in seq order.</summary>
    public IReadOnlyList<TranscriptLine> Lines => _lines;

    /// <summary>Own messages not acknowledged (or refused), oldest first.</summary>
    public IReadOnlyList<PendingMessage> Pending => _pending;

    /// <summary>Goes up with every change of what <see cref="Shown"/> returns.</summary>
    public int Version { get; private set; }

    public long LastSeq => _lines.Count == 0 ? 0 : _lines[^1].Seq;

    /// <summary>What the pane shows: the stored messages, then the pending ones under the name <paramref name="ownName"/>.</summary>
    public IReadOnlyList<TranscriptLine> Shown(string ownName) => _pending.Count == 0 ? _lines
        : [.. _lines, .. _pending.Select(p => new TranscriptLine(0, p.At, ownName, LineKind.Own, Visible(p.Send.Text), p.Failed ? NotSent : NotSentYet))];

    /// <summary>Adds the message; false when it was already there. An own message replaces its pending line.</summary>
    public bool Add(MessageReceived m)
    {
        if (m.IsOwn && Acknowledged(m) is { } pending)
        {
            _pending.Remove(pending);
            Version++;
        }

        if (m.Seq <= LastSeq)
        {
            return false;
        }

        var kind = m.IsOwn ? LineKind.Own : m.From == SenderRole.System ? LineKind.System : LineKind.Peer;
        _lines.Add(new TranscriptLine(m.Seq, m.SentAt, VisibleText.OneLine(m.SenderName), kind, Visible(m.Text)));
        Version++;
        return true;
    }

    /// <summary>Issue 21: a private note, after the message it was written after (a handover's note comes first, on the
    /// assignment, with no seq). Marked as a note so it is never read as something the customer saw.</summary>
    public void AddNote(long afterSeq, DateTimeOffset at, string author, string text, string mark)
    {
        var line = new TranscriptLine(afterSeq, at, VisibleText.OneLine(author), LineKind.Note, Visible(text), mark);
        var index = _lines.FindLastIndex(l => l.Seq <= afterSeq) + 1;
        _lines.Insert(index, line);
        Version++;
    }

    /// <summary>The person sent a message from this screen: it shows at once, marked, until it is acknowledged.</summary>
    public void Sending(SendInput send, DateTimeOffset at)
    {
        _pending.Add(new PendingMessage(send, at));
        Version++;
    }

    /// <summary>The session queued the send under <paramref name="clientMsgId"/>; false when it was acknowledged already.</summary>
    public bool Queued(SendInput send, string clientMsgId)
    {
        if (Find(send) is not { } pending)
        {
            return false;
        }

        pending.ClientMsgId = clientMsgId;
        return true;
    }

    /// <summary>The send failed for good: its line stays, marked as not sent. False when it is not pending here.</summary>
    public bool Failed(SendInput send) => MarkFailed(Find(send));

    /// <summary>As <see cref="Failed(SendInput)"/>, for a refusal that names the send by its client_msg_id.</summary>
    public bool Failed(string clientMsgId) => MarkFailed(_pending.Find(p => p.ClientMsgId == clientMsgId));

    /// <summary>The conversation ended: whatever was not acknowledged before its end was not stored.</summary>
    public void FailAll()
    {
        foreach (var pending in _pending)
        {
            MarkFailed(pending);
        }
    }

    /// <summary>Takes the oldest failed message out (its text goes back to the input line); null when there is none.</summary>
    public string? TakeFailed()
    {
        if (_pending.Find(p => p.Failed) is not { } failed)
        {
            return null;
        }

        _pending.Remove(failed);
        Version++;
        return failed.Send.Text;
    }

    public string Format() => string.Join('\n', _lines.Select(l => l.Format()));

    /// <summary>The pending line an own message acknowledges: the one with its client_msg_id, or, when the session has
    /// not said the id yet (the acknowledgement overtook it), the oldest one of the same text still waiting for its id.</summary>
    private PendingMessage? Acknowledged(MessageReceived m) =>
        _pending.Find(p => p.ClientMsgId is not null && p.ClientMsgId == m.ClientMsgId)
        ?? _pending.Find(p => p.ClientMsgId is null && !p.Failed && p.Send.Text == m.Text);

    private PendingMessage? Find(SendInput send) => _pending.Find(p => ReferenceEquals(p.Send, send));

    private bool MarkFailed(PendingMessage? pending)
    {
        if (pending is null || pending.Failed)
        {
            return false;
        }

        pending.Failed = true;
        Version++;
        return true;
    }

    private static string Visible(string text) => VisibleText.Escape(text, keepNewlines: true);
}
