namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// Where the shared public datasets are: <c>../shared/datasets</c> beside the repository. On a plain clone they are
/// absent and dataset tests report themselves skipped; under CI (CI=true) they must be there.
/// </summary>
internal static class SharedDatasets
{
    public static string? Root { get; } = Find();

    public static bool RequiredHere => Environment.GetEnvironmentVariable("CI") == "true";

    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root ?? throw new InvalidOperationException(MissingReason), .. parts]);

    public static string MissingReason => "../shared/datasets is not beside this repository (a plain clone); the dataset tests need it";

    private static string? Find()
    {
        var datasets = System.IO.Path.GetFullPath(System.IO.Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets"));
        return Directory.Exists(datasets) ? datasets : null;
    }
}
