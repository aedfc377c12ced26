namespace OllyStack.Testing;

/// <summary>
/// The shared benchmark datasets, which live beside the repository at <c>../shared/datasets</c> rather than in it.
/// A missing dataset skips its tests on a developer machine and fails them under CI (<c>CI=true</c>), so a CI
/// run cannot pass by silently testing nothing.
/// </summary>
internal static class SharedDatasets
{
    public static bool RequiredByCi => Environment.GetEnvironmentVariable("CI") == "true";

    /// <summary>
    /// The skip reason of a test whose requirement is missing (<paramref name="missing"/> says what; null: it is there),
    /// or null when the test should run: its requirement is there, or CI requires it and the test fails saying so.
    /// </summary>
    public static string? SkipUnlessCi(string? missing) => missing is null || RequiredByCi ? null : missing + " (set CI=true to make this a failure)";

    /// <summary>Where the dataset should be, whether or not it is there.</summary>
    public static string PathOf(string dataset) =>
        Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "datasets", dataset));

    public static bool Exists(string dataset) => Directory.Exists(PathOf(dataset));

    /// <summary>The dataset's folder; fails the calling test with the path it looked in when the folder is missing.</summary>
    public static string Require(string dataset)
    {
        var path = PathOf(dataset);
        if (!Directory.Exists(path)) Assert.Fail(MissingReason(dataset));
        return path;
    }

    public static string MissingReason(string dataset) => $"dataset '{dataset}' not found at {PathOf(dataset)}";

    /// <summary>The folder holding OllyStack.slnx, found by walking up from the test assembly.</summary>
    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
            if (File.Exists(Path.Combine(directory.FullName, "OllyStack.slnx"))) return directory.FullName;
        throw new InvalidOperationException($"no OllyStack.slnx above {AppContext.BaseDirectory}");
    }
}
