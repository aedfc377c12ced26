namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>Where the repository and the built `ollystack` binary are, seen from the test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Configuration =>
#if DEBUG
        "Debug";
#else
        "Release";
#endif

    public static string ServerDll => Path.Combine(Root, "src", "OllyStack.Server", "bin", Configuration, "net10.0", "ollystack.dll");

    public static string SampleShopDll => Path.Combine(Root, "samples", "OllyStack.SampleShop", "bin", Configuration, "net10.0", "OllyStack.SampleShop.dll");

    public static string JsClientDir => Path.Combine(Root, "tests", "OllyStack.EndToEnd", "js");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "OllyStack.slnx"))) return dir.FullName;
        throw new InvalidOperationException($"no OllyStack.slnx above {AppContext.BaseDirectory}");
    }
}
