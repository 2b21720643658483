namespace SupportChat.Domain.Events;

/// <summary>The events of an agent's presence.</summary>
public static class AgentEvents
{
    public const string Available = "available";
    public const string Away = "away";
    public const string Offline = "offline";

    public static string StatusOf(bool available) => available ? Available : Away;

    public static ChatEvent SignedIn(string agentId, string agentName, bool available, DateTimeOffset at) =>
        new(ChatEventKinds.AgentSignedIn, at) { AgentId = agentId, AgentName = agentName, Status = StatusOf(available) };

    public static ChatEvent StatusChanged(string agentId, string agentName, bool available, DateTimeOffset at) =>
        new(ChatEventKinds.AgentStatusChanged, at) { AgentId = agentId, AgentName = agentName, Status = StatusOf(available) };

    /// <param name="reason">"signed off" (the agent's own command) or "connection lost" (its grace period ran out).</param>
    public static ChatEvent SignedOff(string agentId, string agentName, string reason, DateTimeOffset at) =>
        new(ChatEventKinds.AgentSignedOff, at) { AgentId = agentId, AgentName = agentName, Status = Offline, Reason = reason };
}
