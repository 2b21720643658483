using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Board;

/// <summary>What an agent grain tells the board: its presence and load, whenever it tells its queues (one-way).</summary>
internal static class AgentBoardLink
{
    public static Task ReportAsync(IGrainFactory grains, AgentSlotUpdate slot, IReadOnlyList<string> departments) =>
        grains.GetGrain<ISupervisorBoardGrain>(ISupervisorBoardGrain.Key).AgentChanged(new AgentBoardReport(slot.AgentId, slot.Name,
            departments, slot.Online, slot.Available, slot.OpenConversations, slot.Capacity, slot.IdleSince, slot.Version));
}
