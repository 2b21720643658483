namespace SupportChat.Server.Hosting;

/// <summary>Section "Web": the browser-facing listener (`serve --web-urls`, `--web-origins`): the chat widget's files and
/// gRPC-Web for BrowserCustomer and History, on HTTP/1.1 (and HTTP/2 where TLS negotiates it), on ports of its own.</summary>
public sealed class WebOptions
{
    public const string SectionName = "Web";

    /// <summary>The value of <see cref="Urls"/> that turns the web listener off.</summary>
    public const string Off = "none";

    /// <summary>Where the web listener listens, separated by ',' or ';'; "none" for no web listener.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:5080";

    /// <summary>The folder of the widget's files; by default "wwwroot" next to the server's assembly, where the build puts them.</summary>
    public string? Root { get; set; }

    /// <summary>Origins of other sites whose pages may call the web listener (CORS), separated by ','; its own always may.</summary>
    public string? Origins { get; set; }

    public bool Enabled => !string.Equals(Urls.Trim(), Off, StringComparison.OrdinalIgnoreCase) && Urls.Trim().Length > 0;

    public string RootFolder => string.IsNullOrWhiteSpace(Root) ? Path.Combine(AppContext.BaseDirectory, "wwwroot") : Root;

    /// <summary>The listen addresses, or none when the listener is off.</summary>
    public IReadOnlyList<Uri> Addresses() => Enabled ? ListenPolicy.Addresses(Urls.Replace(',', ';')) : [];

    /// <summary>The extra CORS origins, each as the browser sends it (scheme://host[:port], lower case, no slash).</summary>
    public IReadOnlyList<string> ExtraOrigins() =>
        [.. (Origins ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Select(Origin)];

    /// <summary>Null when <paramref name="origin"/> is an origin; otherwise what is wrong, in words for one line.</summary>
    public static string? OriginProblem(string origin) =>
        Uri.TryCreate(origin, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" && uri.AbsolutePath == "/"
            && uri.Query.Length == 0 && uri.Fragment.Length == 0 && uri.UserInfo.Length == 0 && !origin.TrimEnd('/').EndsWith('/')
            ? null
            : $"'{origin}' is not an origin; expected scheme://host[:port], e.g. https://shop.example.com";

    private static string Origin(string value)
    {
        if (OriginProblem(value) is { } problem)
        {
            throw new InvalidOperationException($"Web:Origins: {problem}.");
        }

        return new Uri(value).GetLeftPart(UriPartial.Authority).ToLowerInvariant();
    }
}
