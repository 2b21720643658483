using System.Text.RegularExpressions;

namespace SupportChat.Architecture.Tests;

/// <summary>
/// Inside each project, folders are namespaces, and no two folders depend on each other in a circle (the project's root
/// namespace counts as a folder): a newcomer can read a project from its leaves up, and move a folder out without
/// taking the rest along.
/// </summary>
public sealed partial class FolderTests
{
    public static TheoryData<string> Projects() => [.. DependencyRules.Allowed.Keys.Order()];

    [Theory]
    [MemberData(nameof(Projects))]
    public void Folders_DoNotDependOnEachOtherInACircle(string project)
    {
        var graph = NamespaceGraph.Read(Repository.Assemblies()[project], project);

        var cycles = Cycles.Find(graph.Edges).Select(cycle => Describe(cycle, graph)).ToList();

        Assert.True(cycles.Count == 0, string.Join(Environment.NewLine, cycles));
    }

    [Theory]
    [MemberData(nameof(Projects))]
    public void EveryFile_DeclaresTheNamespaceOfItsFolder(string project)
    {
        var folder = Path.Combine(Repository.Source, project);
        var wrong = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(folder, file))
            .Select(file => (File: Path.GetRelativePath(folder, file), Declared: DeclaredNamespace(file), Expected: ExpectedNamespace(project, folder, file)))
            .Where(f => f.Declared is not null && f.Declared != f.Expected)
            .Select(f => $"{f.File}: namespace {f.Declared}, expected {f.Expected}")
            .ToList();

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public void TheCycleCheck_FindsACircleOfThreeFolders()
    {
        var edges = new Dictionary<string, HashSet<string>>
        {
            ["Hosting"] = ["Streams", "Options"],
            ["Streams"] = ["Services", "Options"],
            ["Services"] = ["Hosting"],
            ["Options"] = [],
        };

        Assert.Equal([["Hosting", "Services", "Streams"]], Cycles.Find(edges));
    }

    private static string Describe(IReadOnlyList<string> cycle, NamespaceGraph graph) =>
        $"{string.Join(" <-> ", cycle)}: " + string.Join("; ", graph.Examples
            .Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To))
            .Select(e => e.Value));

    private static bool IsBuildOutput(string projectFolder, string file) =>
        Path.GetRelativePath(projectFolder, file).Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj";

    private static string ExpectedNamespace(string project, string projectFolder, string file)
    {
        var folder = Path.GetRelativePath(projectFolder, Path.GetDirectoryName(file)!);
        return folder == "." ? project : $"{project}.{folder.Replace(Path.DirectorySeparatorChar, '.')}";
    }

    private static string? DeclaredNamespace(string file)
    {
        var match = FileScopedNamespace().Match(File.ReadAllText(file));
        return match.Success ? match.Groups[1].Value : null;
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex FileScopedNamespace();
}
