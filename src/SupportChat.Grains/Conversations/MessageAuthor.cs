using SupportChat.Domain.Messages;

namespace SupportChat.Grains.Conversations;

/// <summary>Who a message is from, as stored with it: the sender's role, id and the name the others see.</summary>
internal readonly record struct MessageAuthor(SenderRole Role, string Id, string Name)
{
    /// <summary>SupportChat itself: transfers, agents lost, customers gone.</summary>
    public static MessageAuthor System { get; } = new(SenderRole.System, "system", "SupportChat");
}
