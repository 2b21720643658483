namespace SupportChat.Grains.Tests;

/// <summary>What test observers record for <see cref="Contracts.IChatObserver.OnReplaced"/>, which carries nothing.</summary>
internal sealed record Replaced
{
    public static readonly Replaced Notice = new();
}
