using SupportChat.Domain;

namespace SupportChat.Grains;

/// <summary>Turns the domain's rule violations into an exception that keeps its code across grain calls.</summary>
public sealed class ChatExceptionFilter : IIncomingGrainCallFilter
{
    public async Task Invoke(IIncomingGrainCallContext context)
    {
        try
        {
            await context.Invoke();
        }
        catch (ChatException ex)
        {
            throw new ChatGrainException(ex.Code, ex.Message);
        }
    }
}
