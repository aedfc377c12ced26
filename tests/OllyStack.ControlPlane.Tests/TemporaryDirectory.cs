namespace OllyStack.ControlPlane.Tests;

/// <summary>A data directory of its own for one test, deleted afterwards.</summary>
internal sealed class TemporaryDirectory : IDisposable
{
    public TemporaryDirectory() => Directory.CreateDirectory(Path);

    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "ollystack-controlplane-tests", Guid.NewGuid().ToString("N"));

    public string KeyFile => System.IO.Path.Combine(Path, "keys.json");

    public void Dispose()
    {
        if (Directory.Exists(Path)) Directory.Delete(Path, recursive: true);
    }
}
