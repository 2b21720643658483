using SupportChat.Cli.Input;
using SupportChat.Cli.Screen.State;
using SupportChat.Cli.Screen.Views;
using SupportChat.Client.Events;
using Terminal.Gui.App;

namespace SupportChat.Cli.Screen;

/// <summary>An agent in the full-screen interface.</summary>
internal sealed class AgentTuiFrontEnd : TuiFrontEnd
{
    private readonly AgentScreenState _state = new(TimeProvider.System);

    protected override string? Farewell => _state.Notice;

    protected override bool Apply(ChatEvent chatEvent) => _state.Apply(chatEvent);

    protected override void Notice(string message) => _state.ShowNotice(message);

    protected override void Queued(SendInput send, string clientMsgId) => _state.Queued(send, clientMsgId);

    protected override void SendFailed(SendInput send, string code, string message) => _state.SendFailed(send, code, message);

    protected override ChatWindow Build(IApplication app) => new AgentWindow(_state, Command);
}
