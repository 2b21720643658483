using SupportChat.Client.Canned;

namespace SupportChat.Client.Mapping;

internal static class CannedMapper
{
    public static CannedReply FromWire(Protocol.V1.CannedReply reply) => new(reply.Shortcut, reply.Text);
}
