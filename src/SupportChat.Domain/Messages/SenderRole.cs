namespace SupportChat.Domain.Messages;

public enum SenderRole
{
    Customer = 1,
    Agent = 2,
    System = 3,
}
