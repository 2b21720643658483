namespace SupportChat.Architecture.Tests;

/// <summary>
/// Which project may reference which: the picture in docs/architecture.md, as data. A project missing from a list
/// may not be referenced, directly or by using its types through another project; nothing references the CLI.
/// </summary>
internal static class DependencyRules
{
    public static readonly IReadOnlyDictionary<string, string[]> Allowed = new Dictionary<string, string[]>
    {
        ["SupportChat.Domain"] = [],
        ["SupportChat.Protocol"] = [],
        ["SupportChat.Storage"] = ["SupportChat.Domain"],
        ["SupportChat.Clustering"] = ["SupportChat.Storage"],
        ["SupportChat.Grains"] = ["SupportChat.Domain"],
        ["SupportChat.Server"] = ["SupportChat.Protocol", "SupportChat.Domain", "SupportChat.Grains", "SupportChat.Storage", "SupportChat.Clustering"],
        ["SupportChat.Client"] = ["SupportChat.Protocol"],
        ["SupportChat.Bench"] = ["SupportChat.Client", "SupportChat.Protocol"],
        ["SupportChat.Cli"] = ["SupportChat.Client", "SupportChat.Bench", "SupportChat.Server"],
    };

    /// <summary>Assemblies a project may not use at all, whatever it references: the grains keep history through the
    /// domain's IChatStore, so no database driver may reach them.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Forbidden = new Dictionary<string, string[]>
    {
        ["SupportChat.Grains"] = ["Microsoft.Data.Sqlite", "Npgsql", "SupportChat.Storage"],
        ["SupportChat.Domain"] = ["Orleans.Core", "Orleans.Core.Abstractions", "Grpc.Core.Api", "Google.Protobuf"],
        ["SupportChat.Client"] = ["SupportChat.Domain", "SupportChat.Server", "Orleans.Core.Abstractions"],
    };

    /// <summary>Every broken rule in a project graph, one line each; empty when the graph keeps the rules.</summary>
    public static IReadOnlyList<string> Violations(IReadOnlyDictionary<string, IReadOnlyCollection<string>> references)
    {
        var violations = new List<string>();
        foreach (var (project, targets) in references)
        {
            if (!Allowed.TryGetValue(project, out var allowed))
            {
                violations.Add($"{project} is not in the dependency rules: add it to DependencyRules and docs/architecture.md.");
                continue;
            }

            violations.AddRange(targets.Where(t => !allowed.Contains(t)).Select(t => $"{project} must not reference {t}."));
        }

        return violations;
    }
}
