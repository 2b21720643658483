using System.Collections.ObjectModel;
using SupportChat.Cli.Board;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen.Views;

/// <summary>
/// The supervisor's screen: today's figures on top, then departments, agents and open conversations, each a table in
/// its own frame, a notice line (a lost connection and the reconnect) and a bottom line. Draws <see cref="BoardView"/>;
/// F10, Ctrl+C and Esc leave.
/// </summary>
internal sealed class BoardWindow : Window
{
    private readonly BoardView _view;
    private readonly Label _header;
    private readonly Label _notice;
    private readonly Label _bottom;
    private readonly (ListView List, ObservableCollection<string> Items, Func<IReadOnlyList<string>> Lines)[] _tables;

    public BoardWindow(BoardView view, Action quit)
    {
        _view = view;
        Title = "SupportChat · supervisor";
        Width = Dim.Fill();
        Height = Dim.Fill();
        _header = new Label { X = 0, Y = 0, Width = Dim.Fill() };
        var departments = Table("Departments", Pos.Bottom(_header), Dim.Auto(DimAutoStyle.Content, minimumContentDim: 3, maximumContentDim: Dim.Percent(25)),
            out var departmentList, out var departmentItems);
        var agents = Table("Agents", Pos.Bottom(departments), Dim.Percent(35), out var agentList, out var agentItems);
        var conversations = Table("Open conversations", Pos.Bottom(agents), Dim.Fill(2), out var conversationList, out var conversationItems);
        _notice = new Label { X = 0, Y = Pos.AnchorEnd(2), Width = Dim.Fill() };
        _bottom = new Label { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill() };
        Add(_header, departments, agents, conversations, _notice, _bottom);
        _tables =
        [
            (departmentList, departmentItems, () => BoardView.Table(BoardView.DepartmentColumns, _view.DepartmentRows(), WidthOf(departmentList))),
            (agentList, agentItems, () => BoardView.Table(BoardView.AgentColumns, _view.AgentRows(), WidthOf(agentList))),
            (conversationList, conversationItems, () => BoardView.Table(BoardView.ConversationColumns, _view.ConversationRows(), WidthOf(conversationList))),
        ];
        foreach (var (list, _, _) in _tables)
        {
            // Lines are fitted to the table's width: again whenever the terminal is resized.
            list.ViewportChanged += (_, e) =>
            {
                if (e.NewViewport.Width != e.OldViewport.Width)
                {
                    Refresh();
                }
            };
        }

        KeyDown += (_, key) =>
        {
            // In raw mode Ctrl+C is a key, not a signal: it leaves, as F10 and Esc do.
            if (key == Key.C.WithCtrl || key == Key.F10 || key == Key.Esc)
            {
                key.Handled = true;
                quit();
            }
        };
        Refresh();
    }

    /// <summary>Redraws from the board (on the screen's thread): after each change, and every second for the ages.</summary>
    public void Refresh()
    {
        var width = _bottom.Viewport.Width > 0 ? _bottom.Viewport.Width : 80;
        _header.Text = Fit(_view.Header() + (_view.Server is { } server ? $"   · {server}" : string.Empty), width);
        _notice.Text = Fit(_view.Problem ?? string.Empty, width);
        _bottom.Text = Fit("F10 / Ctrl+C / Esc  leave   ·   ages tick locally; rows change as the server tells", width);
        foreach (var (_, items, lines) in _tables)
        {
            var now = lines();
            if (!now.SequenceEqual(items))
            {
                items.Clear();
                foreach (var line in now)
                {
                    items.Add(line);
                }
            }
        }

        SetNeedsDraw();
    }

    private static FrameView Table(string title, Pos y, Dim height, out ListView list, out ObservableCollection<string> items)
    {
        var frame = new FrameView { Title = title, X = 0, Y = y, Width = Dim.Fill(), Height = height };
        items = [];
        list = new ListView { Width = Dim.Fill(), Height = Dim.Fill(), CanFocus = false };
        list.SetSource(items);
        frame.Add(list);
        return frame;
    }

    private static int WidthOf(ListView list) => list.Viewport.Width > 0 ? list.Viewport.Width : int.MaxValue;

    private static string Fit(string line, int width) => line.Length <= width ? line : line[..Math.Max(0, width - 1)] + "…";
}
