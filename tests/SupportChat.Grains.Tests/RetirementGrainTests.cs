using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;
using SupportChat.Domain;
using SupportChat.Domain.Conversations;
using SupportChat.Grains.Contracts;
using SupportChat.Grains.Presence;
using ErrorCode = SupportChat.Domain.ErrorCode;

namespace SupportChat.Grains.Tests;

/// <summary>
/// Conversation activations that hold nothing live (ended, or never opened) go once <see cref="PresenceOptions.EndedLinger"/>
/// has passed, instead of waiting for Orleans' idle collection. A silo of its own, with a short linger.
/// </summary>
public sealed class RetirementGrainTests : IAsyncLifetime
{
    private static readonly TimeSpan Linger = TimeSpan.FromMilliseconds(300);
    private readonly InMemoryChatStore _store = new();
    private InProcessTestCluster _cluster = null!;

    private IClusterClient Client => _cluster.Client;

    public async Task InitializeAsync()
    {
        _cluster = ClusterFixture.Build(1, _store, silo => silo.Services.Configure<PresenceOptions>(o => o.EndedLinger = Linger));
        await _cluster.DeployAsync();
    }

    public async Task DisposeAsync() => await _cluster.DisposeAsync();

    [Fact]
    public async Task EndedConversation_IsDeactivatedAfterTheLinger_WhileAnOpenOneStays_AndLoadsAgainWhenAsked()
    {
        var open = await OpenAsync();
        var ended = await OpenAsync();
        await ended.Grain.End(ended.CustomerId, "bye");

        await ActivationOf(ended.Grain).Deactivated.Within("deactivation of the ended conversation");

        // The open one was activated first: were conversations retired whatever their state, it would have gone already.
        Assert.False(ActivationOf(open.Grain).Deactivated.IsCompleted);
        var again = await ended.Grain.Subscribe(ended.CustomerId, Client.CreateObjectReference<IChatObserver>(new RecordingObserver()), 0);
        Assert.Equal(ConversationStatus.Ended, again.Conversation.Status);
    }

    [Fact]
    public async Task ConversationThatNeverWas_IsDeactivatedAfterTheLinger()
    {
        var probed = Client.GetGrain<IConversationGrain>(Ids.NewConversationId());

        var error = await Assert.ThrowsAnyAsync<Exception>(() => probed.GetMessagesAfter("someone", 0));

        Assert.Equal(ErrorCode.PermissionDenied, ErrorCodes.Of(error));
        await ActivationOf(probed).Deactivated.Within("deactivation of the probed conversation");
    }

    private async Task<(IConversationGrain Grain, string CustomerId)> OpenAsync()
    {
        var grain = Client.GetGrain<IConversationGrain>(Ids.NewConversationId());
        var customerId = Ids.NewCustomerId();
        await grain.Open(customerId, "Bob", ClusterFixture.Unique("retire"));
        return (grain, customerId);
    }

    private IGrainContext ActivationOf(IAddressable grain) =>
        _cluster.TryGetGrainContext(grain.GetGrainId(), out var context) ? context : throw new InvalidOperationException("not active");
}
