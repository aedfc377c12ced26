namespace OllyStack.Core.Durability;

/// <summary>
/// Replaces a small file so that a reader, or a restart after a crash, sees either the old content or the new one
/// whole: write a temporary file beside it, fsync it, rename it over the target, fsync the folder.
/// </summary>
public static class AtomicFile
{
    /// <param name="temporaryPath">Where the new content is written first; in the target's folder, so the rename is atomic.</param>
    /// <param name="fsync">False only where durability is deliberately off (throwaway benchmarks and tests).</param>
    public static void Write(string path, string temporaryPath, ReadOnlySpan<byte> content, bool fsync = true)
    {
        using (var handle = File.OpenHandle(temporaryPath, FileMode.Create, FileAccess.Write))
        {
            RandomAccess.Write(handle, content, 0);
            if (fsync) RandomAccess.FlushToDisk(handle);
        }
        File.Move(temporaryPath, path, overwrite: true);
        if (fsync) DirectorySync.Flush(Path.GetDirectoryName(Path.GetFullPath(path))!);
    }
}
