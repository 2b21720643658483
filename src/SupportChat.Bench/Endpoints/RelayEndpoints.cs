namespace SupportChat.Bench.Endpoints;

internal static class RelayEndpoints
{
    /// <summary>Closes every stream a bench opened, one after the other, whatever became of the run.</summary>
    public static async Task DisposeAllAsync(IEnumerable<IRelayEndpoint> endpoints)
    {
        foreach (var endpoint in endpoints)
        {
            await endpoint.DisposeAsync();
        }
    }
}
