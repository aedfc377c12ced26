namespace OllyStack.Server.Hosting;

/// <summary>
/// Keeps a second server off a data folder that one is already using: two writers would interleave the same log
/// segments. Held as an exclusive lock on <c>&lt;data-dir&gt;/ollystack.lock</c> (flock on Unix) until disposed; the
/// operating system releases it when the process dies, so a kill -9 never leaves a stale lock behind.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    public const string FileName = "ollystack.lock";
    private readonly FileStream _file;

    private DataDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock, or returns null when another process holds it.</summary>
    public static DataDirectoryLock? TryAcquire(string dataDir)
    {
        try
        {
            var file = new FileStream(Path.Combine(dataDir, FileName), FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            file.SetLength(0);
            using (var writer = new StreamWriter(file, leaveOpen: true)) writer.Write(Environment.ProcessId);
            file.Flush();
            return new DataDirectoryLock(file);
        }
        catch (IOException)
        {
            return null;
        }
    }

    public void Dispose() => _file.Dispose();
}
