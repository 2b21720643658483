using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SupportChat.Architecture.Tests;

/// <summary>The projects keep the dependency rules (<see cref="DependencyRules"/>, drawn in docs/architecture.md), both as
/// written in their project files and as compiled: a type used through another project's reference counts too.</summary>
public sealed class ProjectReferenceTests
{
    [Fact]
    public void ProjectFiles_ReferenceOnlyWhatTheRulesAllow()
    {
        Assert.Empty(DependencyRules.Violations(Repository.ProjectReferences()));
    }

    [Fact]
    public void EveryProjectOfSrc_IsInTheRules_AndEveryRuleNamesAProject()
    {
        Assert.Equal(DependencyRules.Allowed.Keys.Order(), Repository.ProjectReferences().Keys.Order());
    }

    [Fact]
    public void CompiledAssemblies_UseOnlyWhatTheRulesAllow()
    {
        var used = Repository.Assemblies().ToDictionary(
            a => a.Key,
            a => (IReadOnlyCollection<string>)ReferencedAssemblies(a.Value).Where(IsOurs).Select(ProjectOf).ToList());

        Assert.Empty(DependencyRules.Violations(used));
    }

    [Fact]
    public void CompiledAssemblies_UseNoForbiddenAssembly()
    {
        var violations = DependencyRules.Forbidden
            .SelectMany(rule => ReferencedAssemblies(Repository.Assemblies()[rule.Key]).Intersect(rule.Value).Select(name => $"{rule.Key} uses {name}."))
            .ToList();

        Assert.Empty(violations);
    }

    [Fact]
    public void TheChecks_FindAForbiddenReference()
    {
        // Proof that the rules bite: the real graph with one reference the picture forbids.
        var graph = Repository.ProjectReferences().ToDictionary(p => p.Key, p => p.Value);
        graph["SupportChat.Client"] = [.. graph["SupportChat.Client"], "SupportChat.Domain"];
        graph["SupportChat.Grains"] = [.. graph["SupportChat.Grains"], "SupportChat.Storage"];

        Assert.Equal(
            ["SupportChat.Client must not reference SupportChat.Domain.", "SupportChat.Grains must not reference SupportChat.Storage."],
            DependencyRules.Violations(graph).Order());
    }

    [Fact]
    public void TheProjectGraph_HasNoCycle()
    {
        var edges = Repository.ProjectReferences().ToDictionary(p => p.Key, p => p.Value.ToHashSet());

        Assert.Empty(Cycles.Find(edges));
    }

    private static bool IsOurs(string assembly) => assembly.StartsWith("SupportChat.", StringComparison.Ordinal) || assembly == "supportchat";

    private static string ProjectOf(string assembly) => assembly == "supportchat" ? "SupportChat.Cli" : assembly;

    /// <summary>The assemblies a compiled assembly's code refers to (read from its metadata; nothing is loaded).</summary>
    private static IReadOnlyList<string> ReferencedAssemblies(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return [.. reader.AssemblyReferences.Select(r => reader.GetString(reader.GetAssemblyReference(r).Name))];
    }
}
