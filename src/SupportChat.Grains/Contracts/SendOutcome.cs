using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Grains.Contracts;

/// <summary>What became of one send of a batch: its receipt once durable, or why it was refused.</summary>
[GenerateSerializer, Immutable, Alias("supportchat.SendOutcome")]
public sealed record SendOutcome(
    [property: Id(0)] string ClientMsgId,
    [property: Id(1)] SendReceipt? Receipt,
    [property: Id(2)] ErrorCode? Error,
    [property: Id(3)] string? ErrorMessage)
{
    public static SendOutcome Sent(SendReceipt receipt) => new(receipt.ClientMsgId, receipt, null, null);

    public static SendOutcome Refused(string clientMsgId, ErrorCode code, string message) => new(clientMsgId, null, code, message);
}
