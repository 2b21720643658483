using SupportChat.Grains.Canned;
using WireCannedReply = SupportChat.Protocol.V1.CannedReply;

namespace SupportChat.Server.Canned;

internal static class CannedMapper
{
    public static WireCannedReply ToWire(CannedReplyView reply) => new() { Shortcut = reply.Shortcut, Text = reply.Text };

    public static IEnumerable<WireCannedReply> ToWire(IEnumerable<CannedReplyView> replies) => replies.Select(ToWire);
}
