namespace OllyStack.Architecture.Tests;

/// <summary>
/// DESIGN.md's "Layout" rule as data: every project may use Core; Query may read Storage; Alerting and Intelligence
/// may use Query and Storage; nothing else references another stage; only Server references everything.
/// </summary>
internal static class StageRules
{
    public const string Server = "OllyStack.Server";
    private const string Core = "OllyStack.Core";

    private static readonly Dictionary<string, string[]> Extra = new(StringComparer.Ordinal)
    {
        ["OllyStack.Query"] = ["OllyStack.Storage"],
        ["OllyStack.Alerting"] = ["OllyStack.Query", "OllyStack.Storage"],
        ["OllyStack.Intelligence"] = ["OllyStack.Query", "OllyStack.Storage"],
    };

    /// <summary>Why <paramref name="project"/> may not reference <paramref name="referenced"/>, or null if it may.</summary>
    public static string? Refusal(string project, string referenced)
    {
        if (referenced == project) return $"{project} references itself";
        if (referenced == Server) return $"{project} references {Server}, which only wires the stages and is referenced by none";
        if (project == Server) return null;
        if (project == Core) return $"{Core} references {referenced}, but Core is what every stage shares and uses no stage";
        if (referenced == Core) return null;
        var allowed = Extra.GetValueOrDefault(project, []);
        if (allowed.Contains(referenced)) return null;
        var may = string.Join(", ", [Core, .. allowed]);
        return $"{project} references {referenced}, but DESIGN.md lets {project} use only {may}";
    }
}
