using System.Buffers;
using System.Security.Cryptography;
using System.Text;

namespace OllyStack.ControlPlane.Keys;

/// <summary>
/// SHA-256 of an API key. Keys are 256-bit random secrets, so a fast hash is as safe as a slow one here and
/// keeps per-request authentication cheap; a salted slow hash is for low-entropy passwords.
/// </summary>
public readonly record struct KeyHash(ulong A, ulong B, ulong C, ulong D)
{
    public static KeyHash Of(ReadOnlySpan<char> key)
    {
        var byteCount = Encoding.UTF8.GetMaxByteCount(key.Length);
        var rented = byteCount > 256 ? ArrayPool<byte>.Shared.Rent(byteCount) : null;
        Span<byte> utf8 = rented ?? stackalloc byte[256];
        try
        {
            var length = Encoding.UTF8.GetBytes(key, utf8);
            Span<byte> digest = stackalloc byte[32];
            SHA256.HashData(utf8[..length], digest);
            return FromBytes(digest);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static KeyHash Parse(string hex) => FromBytes(Convert.FromHexString(hex));

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        BitConverter.TryWriteBytes(bytes, A);
        BitConverter.TryWriteBytes(bytes[8..], B);
        BitConverter.TryWriteBytes(bytes[16..], C);
        BitConverter.TryWriteBytes(bytes[24..], D);
        return Convert.ToHexStringLower(bytes);
    }

    private static KeyHash FromBytes(ReadOnlySpan<byte> digest)
    {
        if (digest.Length != 32) throw new FormatException("a key hash has 32 bytes");
        return new KeyHash(BitConverter.ToUInt64(digest), BitConverter.ToUInt64(digest[8..]), BitConverter.ToUInt64(digest[16..]), BitConverter.ToUInt64(digest[24..]));
    }
}
