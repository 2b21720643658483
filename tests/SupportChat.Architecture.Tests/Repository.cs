using System.Xml.Linq;

namespace SupportChat.Architecture.Tests;

/// <summary>The checkout these tests were built from, and its projects as they are written.</summary>
internal static class Repository
{
    public static string Root { get; } = FindRoot();

    public static string Source => Path.Combine(Root, "src");

    /// <summary>Each project of src/ (by name) with the projects it references (by name).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyCollection<string>> ProjectReferences() =>
        Directory.GetFiles(Source, "*.csproj", SearchOption.AllDirectories).ToDictionary(
            path => Path.GetFileNameWithoutExtension(path),
            path => (IReadOnlyCollection<string>)XDocument.Load(path).Descendants("ProjectReference")
                .Select(r => Path.GetFileNameWithoutExtension(r.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToList());

    /// <summary>The compiled assembly of each project of src/, next to these tests.</summary>
    public static IReadOnlyDictionary<string, string> Assemblies() =>
        ProjectReferences().Keys.ToDictionary(project => project, project => Path.Combine(AppContext.BaseDirectory,
            (project == "SupportChat.Cli" ? "supportchat" : project) + ".dll"));

    private static string FindRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "SupportChat.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"no SupportChat.slnx above {AppContext.BaseDirectory}.");
    }
}
