namespace SupportChat.Domain.Conversations;

public enum EndedBy
{
    Customer = 1,
    Agent = 2,
    System = 3,
}
