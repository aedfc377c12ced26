using System.Xml.Linq;

namespace OllyStack.Architecture.Tests;

/// <summary>The projects under src/ and the projects each one references, read from the .csproj files on disk.</summary>
internal static class SourceProjects
{
    public sealed record Reference(string Project, string Referenced, string Include);

    public static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "OllyStack.slnx"))) return directory.FullName;
        throw new InvalidOperationException($"no OllyStack.slnx above {AppContext.BaseDirectory}");
    }

    public static string[] Files() =>
        Directory.GetDirectories(Path.Combine(RepositoryRoot(), "src"))
            .SelectMany(d => Directory.GetFiles(d, "*.csproj"))
            .Order(StringComparer.Ordinal)
            .ToArray();

    public static IEnumerable<Reference> References(string csproj)
    {
        var project = Path.GetFileNameWithoutExtension(csproj);
        foreach (var element in XDocument.Load(csproj).Descendants().Where(e => e.Name.LocalName == "ProjectReference"))
        {
            var include = (string?)element.Attribute("Include") ?? "";
            var referenced = Path.GetFileNameWithoutExtension(include.Replace('\\', '/'));
            yield return new Reference(project, referenced, include);
        }
    }
}
