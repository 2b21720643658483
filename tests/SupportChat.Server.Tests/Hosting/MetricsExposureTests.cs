using SupportChat.Server.Hosting;

namespace SupportChat.Server.Tests.Hosting;

/// <summary>`/metrics` never reaches a non-loopback address the operator did not name in --metrics-urls.</summary>
public sealed class MetricsExposureTests
{
    private static readonly Uri[] None = [];

    [Theory]
    [InlineData("http://127.0.0.1:5080")]
    [InlineData("http://localhost:5080")]
    [InlineData("http://[::1]:5080")]
    public void Loopback_web_listener_without_metrics_urls_serves_metrics(string web) =>
        Assert.True(MetricsExposure.OnWebListener([new Uri(web)], None));

    [Theory]
    [InlineData("http://0.0.0.0:5080")]
    [InlineData("https://chat.example.com:443")]
    [InlineData("http://192.168.1.10:5080")]
    public void Web_listener_reachable_from_elsewhere_does_not_serve_metrics(string web) =>
        Assert.False(MetricsExposure.OnWebListener([new Uri("http://127.0.0.1:5081"), new Uri(web)], None));

    [Fact]
    public void With_metrics_urls_the_web_listener_does_not_serve_metrics() =>
        Assert.False(MetricsExposure.OnWebListener([new Uri("http://127.0.0.1:5080")], [new Uri("http://127.0.0.1:9464")]));

    [Fact]
    public void Without_a_web_listener_nothing_serves_metrics_unless_named() =>
        Assert.False(MetricsExposure.OnWebListener([], None));
}
