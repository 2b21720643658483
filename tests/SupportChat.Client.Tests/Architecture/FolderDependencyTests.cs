using SupportChat.Client.Connection;

namespace SupportChat.Client.Tests.Architecture;

public sealed class FolderDependencyTests
{
    private const string Root = "SupportChat.Client";

    private static readonly string ClientAssembly = typeof(SupportChatConnection).Assembly.Location;

    [Fact]
    public void Namespaces_of_the_client_library_form_no_cycle()
    {
        var edges = NamespaceReferences.Read(ClientAssembly, Root);
        var graph = edges.Keys.GroupBy(e => e.From).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList());

        var cycles = new List<string>();
        foreach (var (from, to) in edges.Keys)
        {
            if (PathBetween(graph, to, from) is { } back)
            {
                cycles.Add($"{from} -> {string.Join(" -> ", back)}: " +
                    string.Join("; ", back.Prepend(from).Zip(back).Select(step => edges[step])));
            }
        }

        Assert.True(cycles.Count == 0, "namespace cycles:\n" + string.Join("\n", cycles.Distinct()));
    }

    [Fact]
    public void Root_namespace_holds_only_what_callers_hand_in_and_catch()
    {
        var edges = NamespaceReferences.Read(ClientAssembly, Root);

        Assert.DoesNotContain(edges.Keys, e => e.From == Root);
    }

    [Fact]
    public void Reference_reader_sees_into_method_bodies()
    {
        // The mappers are called only inside method bodies (and lambdas): if the reader missed bodies, these
        // edges would be missing.
        var edges = NamespaceReferences.Read(ClientAssembly, Root);

        Assert.Contains(($"{Root}.Connection", $"{Root}.Mapping"), edges.Keys);
        Assert.Contains(($"{Root}.Delivery", $"{Root}.Mapping"), edges.Keys);
    }

    [Fact]
    public void Client_library_depends_on_the_protocol_project_only()
    {
        var ours = typeof(SupportChatConnection).Assembly.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => name.StartsWith("SupportChat.", StringComparison.Ordinal));

        Assert.Equal(["SupportChat.Protocol"], ours);
    }

    /// <summary>The namespaces on a path from <paramref name="start"/> to <paramref name="goal"/>, both included; null when there is none.</summary>
    private static List<string>? PathBetween(Dictionary<string, List<string>> graph, string start, string goal)
    {
        var cameFrom = new Dictionary<string, string?> { [start] = null };
        var queue = new Queue<string>([start]);
        while (queue.TryDequeue(out var at))
        {
            if (at == goal)
            {
                var path = new List<string>();
                for (string? step = at; step is not null; step = cameFrom[step])
                {
                    path.Insert(0, step);
                }

                return path;
            }

            foreach (var next in graph.GetValueOrDefault(at, []))
            {
                if (cameFrom.TryAdd(next, at))
                {
                    queue.Enqueue(next);
                }
            }
        }

        return null;
    }
}
