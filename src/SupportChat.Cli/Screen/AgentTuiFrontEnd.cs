using SupportChat.Cli.Screen.State;
using SupportChat.Cli.Screen.Views;
using SupportChat.Client.Events;
using Terminal.Gui.App;
using Terminal.Gui.Views;

namespace SupportChat.Cli.Screen;

/// <summary>An agent in the full-screen interface.</summary>
internal sealed class AgentTuiFrontEnd : TuiFrontEnd
{
    private readonly AgentScreenState _state = new(TimeProvider.System);
    private AgentWindow? _window;

    protected override string? Farewell => _state.Notice;

    protected override bool Apply(ChatEvent chatEvent) => _state.Apply(chatEvent);

    protected override void Notice(string message) => _state.ShowNotice(message);

    protected override Window Build(IApplication app) => _window = new AgentWindow(_state, Command);

    protected override void Refresh() => _window?.Refresh();
}
