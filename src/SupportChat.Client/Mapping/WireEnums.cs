using SupportChat.Client.Events;
using Wire = SupportChat.Protocol.V1;

namespace SupportChat.Client.Mapping;

/// <summary>The wire's enums as the library's own: callers never see protocol types.</summary>
internal static class WireEnums
{
    public static SenderRole Role(Wire.SenderRole role) => role switch
    {
        Wire.SenderRole.Agent => SenderRole.Agent,
        Wire.SenderRole.System => SenderRole.System,
        _ => SenderRole.Customer,
    };

    public static EndedBy By(Wire.EndedBy by) => by switch
    {
        Wire.EndedBy.Agent => EndedBy.Agent,
        Wire.EndedBy.Customer => EndedBy.Customer,
        _ => EndedBy.System,
    };
}
