using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SupportChat.Grains.Tests.Architecture;

/// <summary>Which namespaces of a compiled assembly use which (as <see cref="UsedTypes"/> reads them), and whether
/// they form a cycle. Compiler-made types (lambdas, async state machines) count for the type they are nested in.</summary>
internal sealed class NamespaceGraph
{
    private readonly Dictionary<string, HashSet<string>> _edges = new(StringComparer.Ordinal);

    private NamespaceGraph()
    {
    }

    public IReadOnlyDictionary<string, HashSet<string>> Edges => _edges;

    /// <summary>A graph given by hand, to test the cycle search.</summary>
    public static NamespaceGraph Of(params (string From, string To)[] edges)
    {
        var graph = new NamespaceGraph();
        foreach (var (from, to) in edges)
        {
            (graph._edges.TryGetValue(from, out var uses) ? uses : graph._edges[from] = new HashSet<string>(StringComparer.Ordinal)).Add(to);
        }

        return graph;
    }

    /// <summary>The graph between the namespaces that are <paramref name="root"/> or under it (types elsewhere, such as
    /// code generated into other namespaces, are left out).</summary>
    public static NamespaceGraph Read(string assemblyPath, string root)
    {
        using var pe = new PEReader(File.OpenRead(assemblyPath));
        var reader = pe.GetMetadataReader();
        var graph = new NamespaceGraph();
        bool InScope(string ns) => ns == root || ns.StartsWith(root + ".", StringComparison.Ordinal);
        foreach (var handle in reader.TypeDefinitions)
        {
            var from = NamespaceOf(reader, handle);
            if (!InScope(from))
            {
                continue;
            }

            var uses = graph._edges.TryGetValue(from, out var known) ? known : graph._edges[from] = new HashSet<string>(StringComparer.Ordinal);
            var collector = new UsedTypes(pe, reader);
            collector.AddType(handle);
            uses.UnionWith(collector.Found.Select(used => NamespaceOf(reader, used)).Where(to => to != from && InScope(to)));
        }

        return graph;
    }

    /// <summary>A path that comes back to where it started, or null when there is none.</summary>
    public IReadOnlyList<string>? FindCycle()
    {
        var done = new HashSet<string>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var start in _edges.Keys.Order(StringComparer.Ordinal))
        {
            if (Visit(start, done, path) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private List<string>? Visit(string node, HashSet<string> done, List<string> path)
    {
        if (path.IndexOf(node) is var at and >= 0)
        {
            return [.. path[at..], node];
        }

        if (done.Contains(node))
        {
            return null;
        }

        path.Add(node);
        foreach (var next in _edges.GetValueOrDefault(node, []).Order(StringComparer.Ordinal))
        {
            if (Visit(next, done, path) is { } cycle)
            {
                return cycle;
            }
        }

        path.RemoveAt(path.Count - 1);
        done.Add(node);
        return null;
    }

    private static string NamespaceOf(MetadataReader reader, TypeDefinitionHandle handle)
    {
        var type = reader.GetTypeDefinition(handle);
        while (type.GetDeclaringType() is { IsNil: false } outer)
        {
            type = reader.GetTypeDefinition(outer);
        }

        return reader.GetString(type.Namespace);
    }
}
