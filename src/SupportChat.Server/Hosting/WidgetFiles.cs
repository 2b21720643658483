using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;

namespace SupportChat.Server.Hosting;

/// <summary>
/// The chat widget's files on the web listener, from the folder the widget's build copies them to: "/" is the demo shop
/// page (index.html), "/chat" the full-page chat (chat.html), anything else the file of that name. HTML is never cached
/// without asking again and carries the Content-Security-Policy; the script may be cached, revalidated each time (its
/// name carries no version). Without the folder, pages answer 404 with a line that says so; gRPC-Web works regardless.
/// </summary>
internal static class WidgetFiles
{
    public static void UseWidgetFiles(this IApplicationBuilder web, string root, WebListener listener)
    {
        if (!Directory.Exists(root))
        {
            web.Use((context, next) => context.GetEndpoint() is null ? NotBuiltAsync(context, root) : next(context));
            return;
        }

        web.Use((context, next) =>
        {
            context.Request.Path = context.Request.Path.Value switch
            {
                "/" => "/index.html",
                "/chat" or "/chat/" => "/chat.html",
                _ => context.Request.Path,
            };
            return next(context);
        });
        var types = new FileExtensionContentTypeProvider();
        types.Mappings[".html"] = "text/html; charset=utf-8";
        types.Mappings[".js"] = "text/javascript; charset=utf-8";
        types.Mappings[".mjs"] = "text/javascript; charset=utf-8";
        types.Mappings[".css"] = "text/css; charset=utf-8";
        web.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.GetFullPath(root)),
            ContentTypeProvider = types,
            OnPrepareResponse = file =>
            {
                var headers = file.Context.Response.Headers;
                if (file.File.Name.EndsWith(".html", StringComparison.OrdinalIgnoreCase))
                {
                    headers.CacheControl = "no-cache";
                    headers.ContentSecurityPolicy = ContentSecurityPolicy(listener);
                }
                else
                {
                    headers.CacheControl = "public, no-cache";
                }
            },
        });
    }

    /// <summary>The page's own origin, and the listener's other addresses (the same server by another name), may be
    /// called; nothing is loaded from elsewhere, and no other site may frame the page.</summary>
    private static string ContentSecurityPolicy(WebListener listener) =>
        $"default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self' {string.Join(' ', listener.Origins)}; " +
        "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

    private static Task NotBuiltAsync(HttpContext context, string root)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        context.Response.ContentType = "text/plain; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.WriteAsync(
            $"SupportChat: the web widget was not built, so there is no page to show ({root} is missing). " +
            "Build the solution with the widget (see README.md), or point Web:Root at its files; the chat API (gRPC-Web) works regardless.\n");
    }
}
