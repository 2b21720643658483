using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using SupportChat.Client;

namespace SupportChat.Cli.Sessions;

/// <summary>
/// A customer's unfinished conversation, kept on disk so that `supportchat customer` can come back to it after
/// the process was closed or killed: ids, the session token (a credential, so the file is private to the user)
/// and the highest seq already shown. Written after each message is shown, removed when the conversation ends.
/// "left" records that the customer left it (or chose not to resume it) before the server confirmed the end: the
/// next start ends it instead of resuming it.
/// </summary>
internal sealed class CustomerSessionFile(string path)
{
    public string Path { get; } = path;

    /// <summary>One file per server and customer name, under $XDG_STATE_HOME (or ~/.local/state)/supportchat.</summary>
    public static string DefaultPath(string servers, string name)
    {
        var state = Environment.GetEnvironmentVariable("XDG_STATE_HOME") is { Length: > 0 } xdg
            ? xdg
            : System.IO.Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".local", "state");
        var key = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{servers}\n{name.Trim()}")))[..16];
        return System.IO.Path.Combine(state, "supportchat", $"customer-{key}.json");
    }

    /// <summary>The saved session, or null when there is none or it cannot be read (then it is ignored).</summary>
    public SavedConversation? Load()
    {
        try
        {
            if (!File.Exists(Path) || JsonNode.Parse(File.ReadAllText(Path)) is not JsonObject json)
            {
                return null;
            }

            var resume = new CustomerResume(
                (string?)json["customer_id"] ?? string.Empty,
                (string?)json["session_token"] ?? string.Empty,
                (string?)json["conversation_id"] ?? string.Empty,
                (long?)json["last_seq"] ?? 0);
            return resume.CustomerId.Length == 0 || resume.ConversationId.Length == 0 ? null : new SavedConversation(resume, (bool?)json["left"] ?? false);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or JsonException or FormatException or InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Replaces the file atomically (write aside, then rename), readable by the user only.</summary>
    public void Save(CustomerResume resume, bool left)
    {
        var json = new JsonObject
        {
            ["customer_id"] = resume.CustomerId,
            ["session_token"] = resume.SessionToken,
            ["conversation_id"] = resume.ConversationId,
            ["last_seq"] = resume.LastSeq,
            ["left"] = left,
            ["saved_at"] = DateTimeOffset.UtcNow.ToString("O"),
        };
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var file = new StreamWriter(temporary, Encoding.UTF8, options))
        {
            file.Write(json.ToJsonString());
        }

        File.Move(temporary, Path, overwrite: true);
    }

    public void Delete()
    {
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // A stale file is harmless: the server refuses a resume of an ended conversation's token only by ending it again.
        }
    }
}
