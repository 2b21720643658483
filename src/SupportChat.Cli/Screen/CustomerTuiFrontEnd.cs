using SupportChat.Cli.Input;
using SupportChat.Cli.Screen.State;
using SupportChat.Cli.Screen.Views;
using SupportChat.Client.Events;
using Terminal.Gui.App;

namespace SupportChat.Cli.Screen;

/// <summary>A customer in the full-screen interface. After the conversation ends it asks for a rating; the
/// command waits for <see cref="Rating"/> before closing the screen.</summary>
internal sealed class CustomerTuiFrontEnd(string name) : TuiFrontEnd
{
    private readonly CustomerScreenState _state = new(TimeProvider.System, name);
    private readonly TaskCompletionSource<RatingAnswer?> _rating = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The customer's rating once given, or null when skipped (or the conversation never ended on screen).</summary>
    public Task<RatingAnswer?> Rating => _rating.Task;

    /// <summary>The conversation ended while the screen was open, so it asks for a rating.</summary>
    public bool AsksForRating { get; private set; }

    protected override string? Farewell => _state.Closing ?? _state.StatusLine();

    /// <summary>Stops waiting for a rating (the user quit instead).</summary>
    public void SkipRating() => _rating.TrySetResult(null);

    /// <summary>Who the customer is and where, once welcomed: rating needs it after the session is gone.</summary>
    public Client.CustomerResume? Identity { get; private set; }

    protected override void Observe(ChatEvent chatEvent)
    {
        switch (chatEvent)
        {
            case CustomerWelcome w:
                Identity = new Client.CustomerResume(w.CustomerId, w.SessionToken, w.ConversationId, 0);
                break;
            case ConversationEnded:
                AsksForRating = true;
                break;
        }
    }

    protected override bool Apply(ChatEvent chatEvent) => _state.Apply(chatEvent);

    protected override void Notice(string message) => _state.ShowNotice(message);

    protected override void Queued(SendInput send, string clientMsgId) => _state.Queued(send, clientMsgId);

    protected override void SendFailed(SendInput send, string code, string message) => _state.SendFailed(send, code, message);

    protected override ChatWindow Build(IApplication app) => new CustomerWindow(_state, Command, answer => _rating.TrySetResult(answer));
}
