using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OllyStack.ControlPlane.Users;

/// <summary>
/// A password as the control plane keeps it (docs/format/password-hash.md): PBKDF2-HMAC-SHA256 with a random
/// per-password salt, written as <c>$pbkdf2-sha256$i=&lt;iterations&gt;$&lt;salt&gt;$&lt;hash&gt;</c> so the algorithm and the
/// work factor travel with the hash and can be raised later without locking anyone out.
/// </summary>
public sealed class PasswordHash
{
    /// <summary>OWASP's figure for PBKDF2-HMAC-SHA256 (2023): about a quarter of a second of one core per check.</summary>
    public const int DefaultIterations = 600_000;

    public const string Algorithm = "pbkdf2-sha256";

    private const int SaltBytes = 16;
    private const int HashBytes = 32;
    private const int MinimumIterations = 1_000;

    private readonly byte[] _salt;
    private readonly byte[] _hash;

    private PasswordHash(int iterations, byte[] salt, byte[] hash)
    {
        Iterations = iterations;
        _salt = salt;
        _hash = hash;
    }

    public int Iterations { get; }

    public static PasswordHash Create(string password, int iterations = DefaultIterations)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, MinimumIterations);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        return new PasswordHash(iterations, salt, Derive(password, salt, iterations));
    }

    /// <summary>Reads the encoded form; null if it is not one this version writes.</summary>
    public static PasswordHash? Parse(string encoded)
    {
        var fields = encoded.Split('$');
        if (fields is not ["", Algorithm, var work, var salt, var hash] || !work.StartsWith("i=", StringComparison.Ordinal)) return null;
        if (!int.TryParse(work.AsSpan(2), NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < MinimumIterations) return null;
        var saltBytes = Decode(salt);
        var hashBytes = Decode(hash);
        return saltBytes is { Length: SaltBytes } && hashBytes is { Length: HashBytes } ? new PasswordHash(iterations, saltBytes, hashBytes) : null;
    }

    /// <summary>Derives the hash of <paramref name="password"/> with this salt and work factor and compares in constant time.</summary>
    public bool Verify(string password) => CryptographicOperations.FixedTimeEquals(Derive(password, _salt, Iterations), _hash);

    /// <summary>Whether the hash was made with less work than <paramref name="iterations"/> asks for now.</summary>
    public bool NeedsRehash(int iterations) => Iterations < iterations;

    public override string ToString() =>
        $"${Algorithm}$i={Iterations.ToString(CultureInfo.InvariantCulture)}${Convert.ToBase64String(_salt).TrimEnd('=')}${Convert.ToBase64String(_hash).TrimEnd('=')}";

    private static byte[] Derive(string password, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);

    /// <summary>Unpadded standard base64, as the PHC string format writes it.</summary>
    private static byte[]? Decode(string text)
    {
        var padded = text + new string('=', (4 - text.Length % 4) % 4);
        var bytes = new byte[padded.Length / 4 * 3];
        return Convert.TryFromBase64String(padded, bytes, out var written) ? bytes[..written] : null;
    }
}
