using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.Extensions.DependencyInjection;
using SupportChat.Protocol.V1;
using SupportChat.Server.Hosting;
using Kind = SupportChat.Protocol.V1.ServerEvent.EventOneofCase;

namespace SupportChat.EndToEnd.Tests.Browser;

/// <summary>The web listener: the widget's files with their headers, CORS, gRPC-Web only there (and only for the browser
/// API and History), the same loopback rule as the gRPC listener, and none at all with "none".</summary>
public sealed class WebListenerTests
{
    [Fact]
    public async Task Pages_and_the_script_are_served_with_their_types_caching_and_security_headers()
    {
        await using var server = await WebServer.StartAsync();
        using var http = WebServer.Http(server.WebUrl);

        using var index = await http.GetAsync("/");
        using var chat = await http.GetAsync("/chat");
        using var script = await http.GetAsync("/support-chat.js");
        using var missing = await http.GetAsync("/nothing-here.js");

        Assert.Equal(WebServer.IndexHtml, await index.Content.ReadAsStringAsync());
        Assert.Equal(WebServer.ChatHtml, await chat.Content.ReadAsStringAsync());
        Assert.Equal(WebServer.Script, await script.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        foreach (var page in new[] { index, chat })
        {
            Assert.Equal("text/html", page.Content.Headers.ContentType!.MediaType);
            Assert.True(page.Headers.CacheControl!.NoCache);
            var csp = Assert.Single(page.Headers.GetValues("Content-Security-Policy"));
            Assert.StartsWith("default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' " + server.WebUrl + ";", csp);
            Assert.Contains("object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'", csp);
        }

        Assert.Equal("text/javascript", script.Content.Headers.ContentType!.MediaType);
        Assert.True(script.Headers.CacheControl!.NoCache && script.Headers.CacheControl.Public);
        Assert.False(script.Headers.Contains("Content-Security-Policy"));
        foreach (var response in new[] { index, chat, script })
        {
            Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
            Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
        }
    }

    [Fact]
    public async Task Without_the_widget_build_pages_say_so_and_grpc_web_still_works()
    {
        await using var server = await WebServer.StartAsync(withFiles: false);
        using var http = WebServer.Http(server.WebUrl);

        using var index = await http.GetAsync("/");

        Assert.Equal(HttpStatusCode.NotFound, index.StatusCode);
        Assert.Contains("the web widget was not built", await index.Content.ReadAsStringAsync());
        using var web = WebServer.GrpcWebChannel(server.WebUrl);
        await using var bob = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });
        Assert.Equal(1, (await bob.SendAsync("hello")).Seq);
    }

    [Fact]
    public async Task Cors_allows_the_listeners_own_origin_and_the_configured_ones_only()
    {
        await using var server = await WebServer.StartAsync(new Dictionary<string, string?> { ["Web:Origins"] = "https://shop.example.com" });
        using var http = WebServer.Http(server.WebUrl);

        var own = await PreflightAsync(http, server.WebUrl);
        var shop = await PreflightAsync(http, "https://shop.example.com");
        var other = await PreflightAsync(http, "https://evil.example.net");

        Assert.Equal(server.WebUrl, Assert.Single(own.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal("https://shop.example.com", Assert.Single(shop.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("x-grpc-web", string.Join(',', shop.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);
        Assert.False(other.Contains("Access-Control-Allow-Origin"));

        using var call = new HttpRequestMessage(HttpMethod.Post, "/supportchat.v1.History/ListConversations") { Content = GrpcWebBody() };
        call.Headers.Add("Origin", "https://shop.example.com");
        using var answer = await http.SendAsync(call);
        Assert.Contains("Grpc-Status", string.Join(',', answer.Headers.GetValues("Access-Control-Expose-Headers")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Grpc_web_is_served_on_the_web_listener_only_and_only_for_the_browser_api_and_history()
    {
        await using var server = await WebServer.StartAsync();
        using var webHttp = WebServer.Http(server.WebUrl);
        using var h2c = new HttpClient { BaseAddress = new Uri(server.Url), DefaultRequestVersion = HttpVersion.Version20, DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact };

        using var onWeb = await webHttp.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/supportchat.v1.History/ListConversations") { Content = GrpcWebBody() });
        using var onGrpc = await h2c.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/supportchat.v1.History/ListConversations")
        {
            Content = GrpcWebBody(), Version = HttpVersion.Version20, VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        });
        using var agentOnWeb = await webHttp.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/supportchat.v1.SupportChat/Agent") { Content = GrpcWebBody() });

        Assert.Equal(HttpStatusCode.OK, onWeb.StatusCode);
        Assert.Equal("application/grpc-web", onWeb.Content.Headers.ContentType!.MediaType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, onGrpc.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, agentOnWeb.StatusCode);

        // The browser API is plain gRPC on the gRPC listener, for clients that are not browsers.
        using var grpc = Wire.Channel(server);
        var events = new BrowserCustomer.BrowserCustomerClient(grpc).Events(new BrowserHello { Hello = new CustomerHello { Name = "Bob" } });
        Assert.True(await events.ResponseStream.MoveNext());
        Assert.NotEmpty(events.ResponseStream.Current.Welcome.StreamId);
        events.Dispose();
    }

    [Fact]
    public async Task The_customer_rates_its_conversation_through_history_over_grpc_web()
    {
        await using var server = await WebServer.StartAsync();
        using var web = WebServer.GrpcWebChannel(server.WebUrl);
        await using var bob = await BrowserCustomerClient.OpenAsync(web, new CustomerHello { Name = "Bob" });
        await bob.SendAsync("thanks");
        await bob.EndAsync();
        await bob.WaitForAsync(Kind.Ended, "ended");
        var w = bob.Welcome;
        var asBob = new Metadata { { "authorization", $"Bearer customer:{w.CustomerId}:{w.ConversationId}:{w.SessionToken}" } };

        var rated = await new History.HistoryClient(web).RateConversationAsync(
            new RateConversationRequest { ConversationId = w.ConversationId, Rating = 5, Comment = "quick" }, asBob);

        Assert.Equal((5, "quick"), (rated.Conversation.Rating, rated.Conversation.RatingComment));
    }

    [Fact]
    public async Task With_none_there_is_no_web_listener_and_the_browser_api_is_on_the_grpc_listener()
    {
        await using var server = await TestServer.StartAsync();

        Assert.False(server.Services.GetRequiredService<WebListener>().Enabled);
        using var grpc = GrpcChannel.ForAddress(server.Url);
        await using var bob = await BrowserCustomerClient.OpenAsync(grpc, new CustomerHello { Name = "Bob" });
        Assert.Equal(1, (await bob.SendAsync("over plain gRPC")).Seq);
    }

    [Fact]
    public async Task A_web_address_other_machines_can_reach_needs_tls_or_insecure()
    {
        var refused = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestServer.StartWithAsync(new Dictionary<string, string?> { ["Web:Urls"] = "http://0.0.0.0:0" }));
        Assert.Contains("refusing to listen on http://0.0.0.0", refused.Message);
        Assert.Contains("without TLS", refused.Message);

        await using var allowed = await TestServer.StartWithAsync(new Dictionary<string, string?> { ["Web:Urls"] = "http://0.0.0.0:0", ["Tls:AllowInsecure"] = "true" });
        Assert.True(allowed.Services.GetRequiredService<WebListener>().Enabled);
    }

    private static async Task<HttpResponseHeaders> PreflightAsync(HttpClient http, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/supportchat.v1.BrowserCustomer/Send");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-grpc-web,x-user-agent");
        using var response = await http.SendAsync(request);
        return response.Headers;
    }

    /// <summary>One gRPC-Web frame holding an empty request message.</summary>
    private static ByteArrayContent GrpcWebBody()
    {
        var content = new ByteArrayContent([0, 0, 0, 0, 0]);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/grpc-web");
        return content;
    }
}
