using SupportChat.Domain;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Grains;

/// <summary>
/// A <see cref="ChatException"/> as it crosses a grain call: generic exception serialization keeps the
/// message but not the code, so the code travels as a serialized field of this type.
/// </summary>
[GenerateSerializer, Alias("supportchat.ChatGrainException")]
public sealed class ChatGrainException : Exception
{
    public ChatGrainException(ErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    [Id(0)]
    public ErrorCode Code { get; private set; }
}
