using SupportChat.Domain;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Grains;

public static class ErrorCodes
{
    /// <summary>The code of an expected failure, whether it was thrown here or came back from a grain call.</summary>
    public static ErrorCode? Of(Exception exception) => exception switch
    {
        ChatException chat => chat.Code,
        ChatGrainException grain => grain.Code,
        _ => null,
    };
}
