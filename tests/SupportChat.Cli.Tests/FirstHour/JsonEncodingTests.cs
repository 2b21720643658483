using System.Text.Json.Nodes;
using SupportChat.Cli.Output;
using SupportChat.Cli.Tests.Processes;

namespace SupportChat.Cli.Tests.FirstHour;

/// <summary>JSON output is UTF-8 as is: readable names and texts, with only what could harm a terminal escaped.</summary>
public sealed class JsonEncodingTests : IDisposable
{
    private readonly string _data = Path.Combine(Path.GetTempPath(), "supportchat-json-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_data))
        {
            Directory.Delete(_data, recursive: true);
        }
    }

    [Fact]
    public void Json_lines_keep_utf8_as_is_and_escape_what_could_drive_a_terminal()
    {
        var line = JsonLines.Format(new JsonObject { ["text"] = "a+b <i> é 日本 😀 \"q\" \\ \n\t \u001b[2J \u0007 \u007f \u009b \u202e \u2066 \u200f \u061c \u2028" });

        Assert.Equal("""{"text":"a+b <i> é 日本 😀 \"q\" \\ \n\t \u001B[2J \u0007 \u007F \u009B \u202E \u2066 \u200F \u061C \u2028"}""", line);
        Assert.Equal("a+b <i> é 日本 😀 \"q\" \\ \n\t \u001b[2J \u0007 \u007f \u009b \u202e \u2066 \u200f \u061c \u2028", (string?)JsonNode.Parse(line)!["text"]);
    }

    [Fact]
    public void A_lone_surrogate_is_escaped_not_written_broken()
    {
        var line = JsonLines.Format(new JsonObject { ["text"] = "x\ud83dy" });

        Assert.DoesNotContain('\ud83d', line);
        Assert.NotNull(JsonNode.Parse(line));
    }

    [Fact]
    public async Task Agents_list_json_writes_plus_signs_accents_and_emoji_as_they_are()
    {
        await using var add = CliProcess.Start("agents", "add", "--name", "Zoë Tier+2", "--title", "Support 🛟", "--data", _data);
        Assert.Equal(0, await add.WaitForExitAsync());

        await using var list = CliProcess.Start("agents", "list", "--json", "--data", _data);

        Assert.Equal(0, await list.WaitForExitAsync());
        var line = Assert.Single(list.Lines);
        Assert.Contains("\"name\":\"Zoë Tier+2\"", line, StringComparison.Ordinal);
        Assert.Contains("\"title\":\"Support 🛟\"", line, StringComparison.Ordinal);
        Assert.Equal("Support 🛟", (string?)JsonNode.Parse(line)!["title"]);
    }
}
