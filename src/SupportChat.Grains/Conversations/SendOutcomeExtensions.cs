using SupportChat.Domain;
using SupportChat.Grains.Contracts;

namespace SupportChat.Grains.Conversations;

internal static class SendOutcomeExtensions
{
    /// <summary>The receipt of a stored send. A refused one is thrown as the <see cref="ChatException"/> it stands for, so
    /// its code keeps its type on the way out (the grain call filter carries it across the boundary).</summary>
    public static SendReceipt ReceiptOrThrow(this SendOutcome outcome) =>
        outcome.Receipt ?? throw new ChatException(outcome.Error!.Value, outcome.ErrorMessage!);
}
