using System.Net;
using Grpc.Net.Client;
using Grpc.Net.Client.Web;

namespace SupportChat.EndToEnd.Tests.Browser;

/// <summary>A test server with its web listener on a free loopback port, serving a small fake widget build from a
/// temporary folder (the real one is the web widget's build output), and gRPC-Web channels to it as a browser uses it.</summary>
internal static class WebServer
{
    public const string IndexHtml = "<!doctype html><title>shop</title><script src=\"/support-chat.js\"></script>";
    public const string ChatHtml = "<!doctype html><title>chat</title><script src=\"/support-chat.js\"></script>";
    public const string Script = "customElements.define('support-chat', class extends HTMLElement {});";

    public static async Task<TestServer> StartAsync(IReadOnlyDictionary<string, string?>? extra = null, bool withFiles = true)
    {
        var root = Path.Combine(TestServer.NewDataDirectory() + "-wwwroot");
        if (withFiles)
        {
            Directory.CreateDirectory(root);
            await File.WriteAllTextAsync(Path.Combine(root, "index.html"), IndexHtml);
            await File.WriteAllTextAsync(Path.Combine(root, "chat.html"), ChatHtml);
            await File.WriteAllTextAsync(Path.Combine(root, "support-chat.js"), Script);
        }

        var settings = new Dictionary<string, string?> { ["Web:Urls"] = "http://127.0.0.1:0", ["Web:Root"] = root };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        return await TestServer.StartWithAsync(settings);
    }

    /// <summary>gRPC-Web (binary) over HTTP/1.1, as a browser's fetch carries it.</summary>
    public static GrpcChannel GrpcWebChannel(string url) => GrpcChannel.ForAddress(url, new GrpcChannelOptions
    {
        HttpHandler = new GrpcWebHandler(GrpcWebMode.GrpcWeb, new HttpClientHandler()),
        HttpVersion = HttpVersion.Version11,
    });

    public static HttpClient Http(string url) => new() { BaseAddress = new Uri(url) };
}
