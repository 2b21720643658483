using System.Text.RegularExpressions;
using SupportChat.Server.Hosting;

namespace SupportChat.Server.Tests.Architecture;

/// <summary>
/// The Server project's folders are its namespaces, and no two of them depend on each other, directly or through
/// others (the root namespace counts as a folder): what one folder uses must not use it back. Checked on the compiled
/// assembly, method bodies included, so a call hidden in a lambda counts as much as a field's type.
/// </summary>
public sealed partial class FolderDependencyTests
{
    private const string Root = "SupportChat.Server";

    private static readonly Lazy<List<(string From, string To, string Example)>> Dependencies = new(() =>
        [.. TypeReferences.Of(typeof(SupportChatHost).Assembly.Location)
            .Where(r => InServer(r.User) && InServer(r.Used) && Namespace(r.User) != Namespace(r.Used))
            .GroupBy(r => (From: Namespace(r.User), To: Namespace(r.Used)))
            .Select(g => (g.Key.From, g.Key.To, $"{g.First().User} uses {g.First().Used}"))]);

    [Fact]
    public void NoFolderDependsOnAFolderThatDependsOnIt()
    {
        var cycles = Dependencies.Value
            .Where(d => Reaches(d.To, d.From))
            .Select(d => $"{d.From} -> {d.To} ({d.Example}), and {d.To} reaches {d.From} back")
            .ToList();

        Assert.True(cycles.Count == 0, "Folder cycles:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void Hosting_TheCompositionRoot_IsUsedByNoOtherFolder()
    {
        var users = Dependencies.Value.Where(d => d.To == $"{Root}.Hosting").Select(d => d.Example).ToList();

        Assert.True(users.Count == 0, "Hosting is used by:\n" + string.Join("\n", users));
    }

    [Fact]
    public void EveryFolderSeen_IsOneWeExpect()
    {
        // Guards the checks above against reading nothing (a renamed root, an empty assembly).
        var folders = Dependencies.Value.SelectMany(d => new[] { d.From, d.To }).Distinct().ToList();

        Assert.Contains($"{Root}.Hosting", folders);
        Assert.Contains($"{Root}.Streams.Sessions", folders);
        Assert.Contains($"{Root}.Configuration", folders);
    }

    [Fact]
    public void EverySourceFile_IsInTheNamespaceOfItsFolder()
    {
        var project = Path.Combine(RepositoryRoot(), "src", Root);
        var misplaced = Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(project, path))
            .Where(path => !path.StartsWith("bin", StringComparison.Ordinal) && !path.StartsWith("obj", StringComparison.Ordinal))
            .Select(path => (Path: path, Declared: DeclaredNamespace(File.ReadAllText(Path.Combine(project, path))),
                Expected: string.Join('.', new[] { Root }.Concat(Path.GetDirectoryName(path)!.Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries)))))
            .Where(f => f.Declared != f.Expected)
            .Select(f => $"{f.Path}: namespace {f.Declared}, folder says {f.Expected}")
            .ToList();

        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    private static bool InServer(string typeName) => typeName.StartsWith(Root + ".", StringComparison.Ordinal);

    private static string Namespace(string typeName) => typeName[..typeName.LastIndexOf('.')];

    private static bool Reaches(string from, string to)
    {
        var seen = new HashSet<string> { from };
        var pending = new Queue<string>([from]);
        while (pending.TryDequeue(out var next))
        {
            foreach (var used in Dependencies.Value.Where(d => d.From == next).Select(d => d.To))
            {
                if (used == to)
                {
                    return true;
                }

                if (seen.Add(used))
                {
                    pending.Enqueue(used);
                }
            }
        }

        return false;
    }

    private static string? DeclaredNamespace(string source) => NamespaceDeclaration().Match(source) is { Success: true } m ? m.Groups[1].Value : null;

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

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
