using SupportChat.Client.Events;

namespace SupportChat.Cli.Tests.Screen;

/// <summary>Session events as the client library hands them to a front end.</summary>
internal static class ScreenEvents
{
    public static readonly DateTimeOffset At = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);

    public static AgentReady Ready(int capacity = 3, AgentAvailability status = AgentAvailability.Available) =>
        new("ada", "Ada", ["general", "billing"], capacity, status);

    public static ConversationAssigned Assigned(string id, string customer, string department = "general") =>
        new(id, department, "ada", "Ada", string.Empty, "u-" + customer, customer, At);

    public static MessageReceived FromCustomer(string id, long seq, string name, string text) =>
        new(id, seq, $"m{seq}", SenderRole.Customer, "u-" + name, name, text, At, string.Empty, IsOwn: false);

    public static MessageReceived FromAgent(string id, long seq, string text, bool own) =>
        new(id, seq, $"m{seq}", SenderRole.Agent, "ada", "Ada", text, At, string.Empty, own);
}
