namespace SupportChat.EndToEnd.Tests;

/// <summary>Tests that measure the whole process (its managed heap): run after the others and alone, so that no other
/// test's objects come and go while they measure.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class AloneCollection
{
    public const string Name = "alone";
}
