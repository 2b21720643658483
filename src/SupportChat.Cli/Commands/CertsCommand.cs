using System.CommandLine;
using System.Net;
using System.Net.Sockets;
using SupportChat.Cli.Exit;
using SupportChat.Server.Security;

namespace SupportChat.Cli.Commands;

/// <summary><c>supportchat certs create --out DIR [--host NAME]… [--force]</c>: a self-signed certificate for trying TLS,
/// and the serve and client commands that use it.</summary>
internal static class CertsCommand
{
    private const int ExamplePort = 5001;
    private const int WebExamplePort = 5080;

    public static Command Create()
    {
        var output = new Option<string>("--out") { Description = "Folder for cert.pem and key.pem.", Required = true, HelpName = "DIR" };
        var hosts = new Option<string[]>("--host")
        {
            Description = "A name or IP address clients use to reach the server; repeat for several (default: localhost, 127.0.0.1, ::1).",
            HelpName = "NAME",
            AllowMultipleArgumentsPerToken = false,
        };
        var force = new Option<bool>("--force") { Description = "Replace a cert.pem or key.pem already in the folder." };
        var create = new Command("create", "Make a self-signed certificate and key (PEM) for trying TLS; clients trust it with --ca cert.pem.")
        {
            output, hosts, force,
        };
        create.SetAction(parse =>
        {
            var given = parse.GetValue(hosts) is { Length: > 0 } named ? named : null;
            return Write(parse.GetRequiredValue(output), given, parse.GetValue(force));
        });
        return new Command("certs", "Certificates for TLS.") { create };
    }

    private static int Write(string folder, string[]? given, bool force)
    {
        // A server and its clients may be using the pair already: replacing it silently would lock them out.
        var existing = new[] { "cert.pem", "key.pem" }.Select(f => Path.GetFullPath(Path.Combine(folder, f))).Where(File.Exists).ToList();
        if (existing.Count > 0 && !force)
        {
            Console.Error.WriteLine($"supportchat certs: {string.Join(" and ", existing)} already exist{(existing.Count == 1 ? "s" : "")}; " +
                "give --force to replace them (servers and clients using the old certificate then need the new one).");
            return ExitCodes.Failed;
        }

        string[] hosts = given ?? ["localhost", "127.0.0.1", "::1"];
        var (certPath, keyPath, notAfter) = SelfSignedCertificate.Write(folder, hosts);

        // Clients must use a name the certificate holds; a server reachable only by loopback names listens on loopback,
        // any other on every address, where agents then need accounts (an open-mode sign-in is loopback only).
        var reach = given?[0] ?? "127.0.0.1";
        var loopbackOnly = hosts.All(IsLoopback);
        var listen = loopbackOnly ? reach : IsIPv6(reach) ? "::" : "0.0.0.0";
        Console.Out.WriteLine($"certificate: {certPath}");
        Console.Out.WriteLine($"key:         {keyPath} (keep it private)");
        Console.Out.WriteLine($"valid for:   {string.Join(", ", hosts)} until {notAfter:yyyy-MM-dd}");
        // The web listener follows: over TLS by default, on loopback unless told otherwise, like the gRPC one.
        var web = loopbackOnly ? string.Empty : $" --web-urls {Url(listen, WebExamplePort)}";
        Console.Out.WriteLine($"server:      supportchat serve --urls {Url(listen)}{web} --tls-cert {certPath} --tls-key {keyPath}");
        Console.Out.WriteLine($"browsers:    {Url(loopbackOnly && IsIPv6(reach) ? "127.0.0.1" : reach, WebExamplePort)}/   (the web chat; a browser warns about a self-signed certificate)");
        if (loopbackOnly)
        {
            Console.Out.WriteLine($"clients:     supportchat agent --server {Url(reach)} --ca {certPath} …");
            return ExitCodes.Ok;
        }

        Console.Out.WriteLine("accounts:    supportchat agents add --name NAME   (other machines can reach the server: agents sign in with a token)");
        Console.Out.WriteLine($"clients:     supportchat agent --server {Url(reach)} --ca {certPath} --token TOKEN …");
        return ExitCodes.Ok;
    }

    private static string Url(string host, int port = ExamplePort) => $"https://{(IsIPv6(host) ? $"[{host}]" : host)}:{port}";

    private static bool IsIPv6(string host) => IPAddress.TryParse(host, out var ip) && ip.AddressFamily == AddressFamily.InterNetworkV6;

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || IPAddress.TryParse(host, out var ip) && IPAddress.IsLoopback(ip);
}
