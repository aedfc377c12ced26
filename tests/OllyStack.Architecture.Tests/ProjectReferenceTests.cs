namespace OllyStack.Architecture.Tests;

public sealed class ProjectReferenceTests
{
    [Fact]
    public void EverySourceProjectIsFound()
    {
        var names = SourceProjects.Files().Select(Path.GetFileNameWithoutExtension).ToArray();

        Assert.Contains("OllyStack.Core", names);
        Assert.Contains(StageRules.Server, names);
        Assert.All(names, name => Assert.StartsWith("OllyStack.", name));
    }

    [Fact]
    public void EveryProjectReferencesOnlyTheStagesDesignAllows()
    {
        var violations = SourceProjects.Files()
            .SelectMany(file => SourceProjects.References(file).Select(r => (File: file, Reference: r)))
            .Select(x => StageRules.Refusal(x.Reference.Project, x.Reference.Referenced) is { } why
                ? $"{Path.GetRelativePath(SourceProjects.RepositoryRoot(), x.File)}: ProjectReference \"{x.Reference.Include}\": {why}"
                : null)
            .OfType<string>()
            .ToList();

        Assert.True(violations.Count == 0, "project references that break DESIGN.md's Layout rule:\n" + string.Join("\n", violations));
    }

    [Fact]
    public void NoProjectButTheServerReferencesTheServer()
    {
        var offenders = SourceProjects.Files()
            .SelectMany(SourceProjects.References)
            .Where(r => r.Referenced == StageRules.Server && r.Project != StageRules.Server)
            .Select(r => $"{r.Project} references {r.Include}")
            .ToList();

        Assert.True(offenders.Count == 0, string.Join("\n", offenders));
    }

    [Fact]
    public void EveryReferencedProjectExists()
    {
        var missing = SourceProjects.Files()
            .SelectMany(file => SourceProjects.References(file)
                .Where(r => !File.Exists(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, r.Include.Replace('\\', '/')))))
                .Select(r => $"{r.Project} references {r.Include}, which does not exist"))
            .ToList();

        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Theory]
    [InlineData("OllyStack.Ingest", "OllyStack.Core")]
    [InlineData("OllyStack.Query", "OllyStack.Storage")]
    [InlineData("OllyStack.Alerting", "OllyStack.Query")]
    [InlineData("OllyStack.Intelligence", "OllyStack.Storage")]
    [InlineData("OllyStack.Server", "OllyStack.Log")]
    [InlineData("OllyStack.Server", "OllyStack.Intelligence")]
    public void RuleAllowsWhatDesignAllows(string project, string referenced)
    {
        Assert.Null(StageRules.Refusal(project, referenced));
    }

    [Theory]
    [InlineData("OllyStack.Pipeline", "OllyStack.Log")]
    [InlineData("OllyStack.Ingest", "OllyStack.Pipeline")]
    [InlineData("OllyStack.Storage", "OllyStack.Query")]
    [InlineData("OllyStack.Query", "OllyStack.Alerting")]
    [InlineData("OllyStack.Alerting", "OllyStack.Intelligence")]
    [InlineData("OllyStack.Core", "OllyStack.Log")]
    [InlineData("OllyStack.ControlPlane", "OllyStack.Server")]
    [InlineData("OllyStack.NewStage", "OllyStack.Ingest")]
    public void RuleRefusesWhatDesignForbidsAndNamesTheReference(string project, string referenced)
    {
        var refusal = StageRules.Refusal(project, referenced);

        Assert.NotNull(refusal);
        Assert.Contains(project, refusal);
        Assert.Contains(referenced, refusal);
    }
}
