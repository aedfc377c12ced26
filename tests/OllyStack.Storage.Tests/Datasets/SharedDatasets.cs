namespace OllyStack.Storage.Tests.Datasets;

/// <summary>
/// The data sets in shared/datasets beside the repository: found by walking up from the test assembly to the folder
/// holding OllyStack.slnx, then ../shared/datasets/&lt;name&gt;.
/// </summary>
internal static class SharedDatasets
{
    public static string? Find(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (!File.Exists(Path.Combine(directory.FullName, "OllyStack.slnx"))) continue;
            var dataset = Path.GetFullPath(Path.Combine(directory.FullName, "..", "shared", "datasets", name));
            return Directory.Exists(dataset) ? dataset : null;
        }
        return null;
    }

    /// <exception cref="DirectoryNotFoundException">The data set is not there.</exception>
    public static string Require(string name) =>
        Find(name) ?? throw new DirectoryNotFoundException($"data set '{name}' not found: expected ../shared/datasets/{name} beside the folder holding OllyStack.slnx");
}
