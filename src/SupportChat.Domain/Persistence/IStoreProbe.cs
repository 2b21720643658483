namespace SupportChat.Domain.Persistence;

/// <summary>A store's own readiness check, for `/readyz`: throws, saying what is wrong, when the store cannot take writes.</summary>
public interface IStoreProbe
{
    /// <summary>Cheap: no row is written. Fails when the writer loop has stopped, the last commit failed (until one
    /// succeeds again), or a connection cannot be opened and read.</summary>
    Task ProbeAsync(CancellationToken cancellationToken);
}
