using System.Collections.ObjectModel;
using SupportChat.Cli.Screen.State;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen.Views;

/// <summary>A transcript wrapped to the pane's width and kept scrolled to its newest line; re-wrapped on resize.</summary>
internal sealed class TranscriptPane : View
{
    private readonly ObservableCollection<string> _rows = [];
    private readonly ListView _list;
    private IReadOnlyList<TranscriptLine> _lines = [];
    private string? _text;
    private int _wrappedFor = -1;

    public TranscriptPane()
    {
        CanFocus = false;
        _list = new ListView { Width = Dim.Fill(), Height = Dim.Fill(), CanFocus = false };
        _list.SetSource(_rows);
        Add(_list);
        ViewportChanged += (_, _) =>
        {
            if (Viewport.Width != _wrappedFor)
            {
                Rewrap();
            }
        };
    }

    /// <summary>Rows as drawn (for tests).</summary>
    public IReadOnlyList<string> Rows => _rows;

    public void Show(IReadOnlyList<TranscriptLine> lines)
    {
        _lines = lines;
        _text = null;
        Rewrap();
    }

    /// <summary>True while a block of text (help) is shown instead of the transcript.</summary>
    public bool ShowingText => _text is not null;

    /// <summary>Shows a block of text instead of a transcript (help), until the next <see cref="Show"/>.</summary>
    public void ShowText(string text)
    {
        _text = text;
        Rewrap();
    }

    /// <summary>Scrolls by whole pages (negative: back in time); a new message scrolls to the end again.</summary>
    public void ScrollPages(int pages)
    {
        var height = Math.Max(1, Viewport.Height);
        var top = Math.Clamp(_list.Viewport.Y + pages * height, 0, Math.Max(0, _rows.Count - height));
        _list.Viewport = _list.Viewport with { Y = top };
        SetNeedsDraw();
    }

    private void Rewrap()
    {
        var width = Viewport.Width > 0 ? Viewport.Width : 80;
        _wrappedFor = Viewport.Width;
        var rows = _text is not null
            ? _text.Split('\n').ToList()
            : _lines.SelectMany(l => TextWrap.Lines(l.Format(), width)).ToList();
        _rows.Clear();
        foreach (var row in rows)
        {
            _rows.Add(row);
        }

        // A transcript opens at its newest line; a text (the help) at its first, since a short terminal cannot hold all
        // of it and its start says what matters most (PgDn shows the rest).
        var height = Math.Max(1, Viewport.Height);
        _list.Viewport = _list.Viewport with { Y = _text is not null ? 0 : Math.Max(0, rows.Count - height) };
        SetNeedsDraw();
    }
}
