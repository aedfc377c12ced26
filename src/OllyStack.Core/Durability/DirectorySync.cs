using System.Runtime.InteropServices;
using System.Text;

namespace OllyStack.Core.Durability;

/// <summary>
/// fsync of a directory, which makes file creations, renames and deletions in it durable. .NET has no managed
/// call for this, so it goes to libc on Linux and macOS. On Windows it does nothing: NTFS journals metadata and
/// has no equivalent call for directories. File systems that refuse to fsync a directory (EINVAL) are tolerated.
/// </summary>
public static class DirectorySync
{
    private const int ReadOnly = 0;
    private const int InvalidArgument = 22;

    public static void Flush(string directory)
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS()) return;
        var descriptor = open(NullTerminatedUtf8(directory), ReadOnly);
        if (descriptor < 0) throw new IOException($"cannot open directory {directory} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (fsync(descriptor) != 0 && Marshal.GetLastPInvokeError() is var errno && errno != InvalidArgument)
                throw new IOException($"fsync of directory {directory} failed (errno {errno})");
        }
        finally
        {
            _ = close(descriptor);
        }
    }

    private static byte[] NullTerminatedUtf8(string path)
    {
        var bytes = new byte[Encoding.UTF8.GetByteCount(path) + 1];
        Encoding.UTF8.GetBytes(path, bytes);
        return bytes;
    }

#pragma warning disable SYSLIB1054 // LibraryImport would need unsafe code, which the build forbids.
    [DllImport("libc", SetLastError = true)]
    private static extern int open(byte[] path, int flags);

    [DllImport("libc", SetLastError = true)]
    private static extern int fsync(int descriptor);

    [DllImport("libc", SetLastError = true)]
    private static extern int close(int descriptor);
#pragma warning restore SYSLIB1054
}
