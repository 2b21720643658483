using Grpc.Core;
using SupportChat.Protocol.V1;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests;

/// <summary>One connection cannot flood the queues: past its burst, new streams are ResourceExhausted; other connections are not affected.</summary>
public sealed class ConnectionLimitTests : IAsyncLifetime
{
    private TestServer _server = null!;

    public async Task InitializeAsync() => _server = await TestServer.StartWithAsync(new Dictionary<string, string?>
    {
        ["Chat:JoinBurstPerConnection"] = "3",
        ["Chat:JoinRatePerConnection"] = "0.01",
    });

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task A_connection_past_its_join_burst_is_refused_and_a_fresh_connection_still_joins()
    {
        using var busy = Wire.Channel(_server);
        var joined = new List<RawParticipant<CustomerCommand>>();
        try
        {
            for (var i = 1; i <= 3; i++)
            {
                var customer = RawParticipant<CustomerCommand>.Customer(busy);
                joined.Add(customer);
                await customer.SendAsync(Wire.CustomerHello($"Customer {i}"));
                await customer.WaitForAsync(Kind.Welcome, $"customer {i} welcomed");
            }

            await using var fourth = RawParticipant<CustomerCommand>.Customer(busy);
            await fourth.SendAsync(Wire.CustomerHello("Customer 4"));
            // The call ends at once with its status; the client library may report it as the call being disposed
            // when the status arrives before the read begins, so the status is read from the call itself.
            await Assert.ThrowsAnyAsync<Exception>(() => fourth.Completion.WaitAsync(RawParticipant<CustomerCommand>.Timeout));
            Assert.Equal(StatusCode.ResourceExhausted, fourth.FinalStatus.StatusCode);

            using var fresh = Wire.Channel(_server);
            await using var other = RawParticipant<CustomerCommand>.Customer(fresh);
            await other.SendAsync(Wire.CustomerHello("Someone else"));
            await other.WaitForAsync(Kind.Welcome, "a customer on another connection welcomed");
        }
        finally
        {
            foreach (var customer in joined)
            {
                await customer.DisposeAsync();
            }
        }
    }
}
