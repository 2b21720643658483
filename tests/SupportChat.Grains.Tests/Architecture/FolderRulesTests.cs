using System.Text.RegularExpressions;
using SupportChat.Grains.Agents;
using SupportChat.Grains.Conversations;
using SupportChat.Grains.Observers;

namespace SupportChat.Grains.Tests.Architecture;

/// <summary>Folders are namespaces, and no two namespaces of the grains depend on each other, however indirectly: the
/// grains that call each other meet in Contracts instead.</summary>
public sealed partial class FolderRulesTests
{
    private const string Root = "SupportChat.Grains";

    [Fact]
    public void Namespaces_OfTheGrainsAssembly_FormNoCycle()
    {
        var graph = NamespaceGraph.Read(typeof(ChatExceptionFilter).Assembly.Location, Root);

        var cycle = graph.FindCycle();

        Assert.True(cycle is null, $"these namespaces depend on each other: {string.Join(" -> ", cycle ?? [])}");
    }

    [Fact]
    public void NamespaceGraph_TypeUsedOnlyInAMethodBody_IsSeen()
    {
        // ObserverLiveness is named nowhere but inside the bodies of async methods (their compiler-made state machines).
        var graph = NamespaceGraph.Read(typeof(ChatExceptionFilter).Assembly.Location, Root);

        Assert.Contains(typeof(ObserverLiveness).Namespace!, graph.Edges[typeof(ConversationGrain).Namespace!]);
        Assert.Contains(typeof(ObserverLiveness).Namespace!, graph.Edges[typeof(AgentGrain).Namespace!]);
    }

    [Fact]
    public void FindCycle_ThroughAThirdNamespace_ReturnsThePath()
    {
        var graph = NamespaceGraph.Of(("Root", "Agents"), ("Agents", "Queues"), ("Queues", "Conversations"), ("Conversations", "Agents"));

        Assert.Equal(["Agents", "Queues", "Conversations", "Agents"], graph.FindCycle());
        Assert.Null(NamespaceGraph.Of(("Agents", "Contracts"), ("Queues", "Contracts"), ("Agents", "Queues")).FindCycle());
    }

    [Theory]
    [InlineData("src/SupportChat.Grains", "SupportChat.Grains")]
    [InlineData("tests/SupportChat.Grains.Tests", "SupportChat.Grains.Tests")]
    public void SourceFiles_DeclareTheNamespaceOfTheirFolder(string project, string rootNamespace)
    {
        var directory = Path.Combine(RepositoryRoot(), project);
        var wrong = Directory.EnumerateFiles(directory, "*.cs", SearchOption.AllDirectories)
            .Select(file => Path.GetRelativePath(directory, file))
            .Where(file => !file.StartsWith("obj", StringComparison.Ordinal) && !file.StartsWith("bin", StringComparison.Ordinal))
            .Select(file => (File: file, Declared: NamespaceDeclaration().Match(File.ReadAllText(Path.Combine(directory, file)))))
            .Where(source => source.Declared.Success)
            .Where(source => source.Declared.Groups[1].Value != Expected(rootNamespace, source.File))
            .Select(source => $"{source.File}: {source.Declared.Groups[1].Value}")
            .ToList();

        Assert.Empty(wrong);
    }

    private static string Expected(string rootNamespace, string file) =>
        Path.GetDirectoryName(file) is { Length: > 0 } folder ? $"{rootNamespace}.{folder.Replace(Path.DirectorySeparatorChar, '.')}" : rootNamespace;

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "SupportChat.slnx")))
            {
                return directory.FullName;
            }
        }

        throw new DirectoryNotFoundException($"no SupportChat.slnx above {AppContext.BaseDirectory}");
    }

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();
}
