using Microsoft.Win32.SafeHandles;

namespace OllyStack.Storage;

/// <summary>
/// Who holds an open part file. The store holds it from open on; readers add holds with <see cref="TryAcquire"/> and
/// drop them with <see cref="Release"/>. Once the store retires the part (merged away or past retention) the last
/// release closes and deletes the file, so a read never loses a part under its feet.
/// </summary>
internal sealed class PartLifetime(SafeFileHandle file, string path)
{
    private int _holders = 1;
    private volatile bool _retired;

    /// <summary>False once the last holder has let go: the part is gone and its list has moved on.</summary>
    public bool TryAcquire()
    {
        while (true)
        {
            var holders = Volatile.Read(ref _holders);
            if (holders == 0) return false;
            if (Interlocked.CompareExchange(ref _holders, holders + 1, holders) == holders) return true;
        }
    }

    public void Release()
    {
        if (Interlocked.Decrement(ref _holders) != 0) return;
        file.Dispose();
        if (_retired) File.Delete(path);
    }

    /// <summary>Drops the store's hold; the file goes once no reader holds it.</summary>
    public void Retire()
    {
        _retired = true;
        Release();
    }

    /// <summary>Drops the store's hold without deleting anything (store shutdown).</summary>
    public void Close() => Release();
}
