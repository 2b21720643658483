using SupportChat.Client.Events;
using SupportChat.Client.Text;

namespace SupportChat.Cli.Screen.State;

/// <summary>A conversation's messages as the screen shows them: in seq order, each once, however often the session delivers it.</summary>
internal sealed class ScreenTranscript
{
    private readonly List<TranscriptLine> _lines = [];

    public IReadOnlyList<TranscriptLine> Lines => _lines;

    public long LastSeq => _lines.Count == 0 ? 0 : _lines[^1].Seq;

    /// <summary>Adds the message; false when it was already there.</summary>
    public bool Add(MessageReceived m)
    {
        if (m.Seq <= LastSeq)
        {
            return false;
        }

        var kind = m.IsOwn ? LineKind.Own : m.From == SenderRole.System ? LineKind.System : LineKind.Peer;
        _lines.Add(new TranscriptLine(m.Seq, m.SentAt, VisibleText.OneLine(m.SenderName), kind, VisibleText.Escape(m.Text, keepNewlines: true)));
        return true;
    }

    public string Format() => string.Join('\n', _lines.Select(l => l.Format()));
}
