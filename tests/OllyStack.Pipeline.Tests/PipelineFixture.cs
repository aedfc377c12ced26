using OllyStack.ControlPlane.Keys;
using OllyStack.Core.Admission;
using OllyStack.Log;

namespace OllyStack.Pipeline.Tests;

/// <summary>
/// A pipeline over a real key store and a real write-ahead log, both in a directory of their own that is deleted
/// when the test ends.
/// </summary>
internal sealed class PipelineFixture : IAsyncDisposable
{
    private PipelineFixture(string root, FileApiKeyStore keys, WriteAheadLog log)
    {
        Root = root;
        Keys = keys;
        Log = log;
        Pipeline = new IngestPipeline(keys, log);
    }

    public string Root { get; }

    public FileApiKeyStore Keys { get; }

    public WriteAheadLog Log { get; }

    public IngestPipeline Pipeline { get; }

    public static PipelineFixture Create()
    {
        var root = Path.Combine(Path.GetTempPath(), "ollystack-pipeline-tests", Guid.NewGuid().ToString("N"));
        var keys = FileApiKeyStore.Open(Path.Combine(root, "keys"));
        var log = WriteAheadLog.Open(new WriteAheadLogOptions { Directory = Path.Combine(root, "wal") });
        return new PipelineFixture(root, keys, log);
    }

    public Principal IngestPrincipal(string tenant = "acme") =>
        Keys.Authenticate(Keys.Create(tenant, "collector", KeyScopes.Ingest).Key)!;

    public async ValueTask DisposeAsync()
    {
        await Log.DisposeAsync();
        if (Directory.Exists(Root)) Directory.Delete(Root, recursive: true);
    }
}
