using System.Text.RegularExpressions;

namespace SupportChat.Storage.Tests;

/// <summary>
/// The Storage project's folders: each is a namespace, and no two depend on each other however indirectly (the root
/// namespace counts as one folder), so that each can be read, and changed, knowing only what it uses. Dependencies are
/// read from the compiled assembly, method bodies included.
/// </summary>
public sealed partial class FolderRulesTests
{
    private const string Root = "SupportChat.Storage";

    [Fact]
    public void Storage_namespaces_form_no_cycle()
    {
        var edges = NamespaceEdges();

        var cycles = edges.Keys
            .SelectMany(from => edges[from].Keys.Select(to => (from, to)))
            .Where(edge => Reaches(edges, edge.to, edge.from))
            .Select(edge => $"{edge.from} -> {edge.to} ({edges[edge.from][edge.to]}), and {edge.to} reaches {edge.from} back")
            .ToList();

        Assert.True(cycles.Count == 0, "namespaces that depend on each other:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Storage_files_declare_the_namespace_of_their_folder()
    {
        var project = Path.Combine(RepositoryRoot(), "src", "SupportChat.Storage");
        var misplaced = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Where(file => !IsBuildOutput(Path.GetRelativePath(project, file)))
            .Select(file => (file: Path.GetRelativePath(project, file), declared: NamespaceLine().Match(File.ReadAllText(file)).Groups[1].Value))
            .Where(f => f.declared != ExpectedNamespace(f.file))
            .Select(f => $"{f.file} declares '{f.declared}', its folder is '{ExpectedNamespace(f.file)}'")
            .ToList();

        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    [Fact]
    public void TypeReferences_FindsATypeNamedOnlyInsideALambdaOfAnAsyncMethod() =>
        Assert.Contains(typeof(Marker), TypeReferences.Of(typeof(BodyOnly)));

    /// <summary>For each namespace of the assembly, the others it refers to, each with one type-to-type reference as evidence.</summary>
    private static Dictionary<string, Dictionary<string, string>> NamespaceEdges()
    {
        var assembly = typeof(DbChatStore).Assembly;
        var edges = new Dictionary<string, Dictionary<string, string>>();
        foreach (var type in assembly.GetTypes().Where(t => !t.IsNested && IsStorage(t.Namespace)))
        {
            foreach (var target in TypeReferences.Of(type).Where(t => t.Assembly == assembly && IsStorage(t.Namespace) && t.Namespace != type.Namespace))
            {
                var from = edges.TryGetValue(type.Namespace!, out var known) ? known : edges[type.Namespace!] = [];
                from.TryAdd(target.Namespace!, $"{type.Name} uses {target.Name}");
            }
        }

        return edges;
    }

    private static bool Reaches(Dictionary<string, Dictionary<string, string>> edges, string from, string to)
    {
        var seen = new HashSet<string>();
        var pending = new Stack<string>([from]);
        while (pending.TryPop(out var current))
        {
            if (current == to)
            {
                return true;
            }

            if (seen.Add(current) && edges.TryGetValue(current, out var next))
            {
                next.Keys.ToList().ForEach(pending.Push);
            }
        }

        return false;
    }

    private static bool IsStorage(string? ns) => ns == Root || ns?.StartsWith(Root + ".", StringComparison.Ordinal) == true;

    private static string ExpectedNamespace(string relativeFile) =>
        Path.GetDirectoryName(relativeFile) is { Length: > 0 } folder ? $"{Root}.{folder.Replace(Path.DirectorySeparatorChar, '.')}" : Root;

    private static bool IsBuildOutput(string relativeFile) =>
        relativeFile.Split(Path.DirectorySeparatorChar)[0] is "bin" or "obj";

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SupportChat.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no SupportChat.slnx above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^namespace\s+([\w.]+)\s*;", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    private static class BodyOnly
    {
        public static async Task<int> ReadAsync()
        {
            await Task.Yield();
            Func<int> read = () => Marker.Value;
            return read();
        }
    }

    private static class Marker
    {
        public static int Value = 1;
    }
}
