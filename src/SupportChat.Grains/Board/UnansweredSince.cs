using SupportChat.Domain.Messages;

namespace SupportChat.Grains.Board;

/// <summary>Since when a conversation's customer has been waiting for an answer.</summary>
internal static class UnansweredSince
{
    /// <summary>The first customer message after the agent's last one; null when the agent wrote last or the customer
    /// has not written. SupportChat's own notices answer nobody and are skipped.</summary>
    public static DateTimeOffset? Of(IReadOnlyList<StoredMessage> messages)
    {
        DateTimeOffset? since = null;
        for (var i = messages.Count - 1; i >= 0; i--)
        {
            var message = messages[i];
            if (message.From == SenderRole.Agent)
            {
                break;
            }

            if (message.From == SenderRole.Customer)
            {
                since = message.SentAt;
            }
        }

        return since;
    }
}
