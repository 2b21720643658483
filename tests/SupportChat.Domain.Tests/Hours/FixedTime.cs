namespace SupportChat.Domain.Tests.Hours;

/// <summary>A clock standing at one instant.</summary>
internal sealed class FixedTime(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
