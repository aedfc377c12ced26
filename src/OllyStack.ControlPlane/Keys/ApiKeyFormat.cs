using System.Security.Cryptography;

namespace OllyStack.ControlPlane.Keys;

/// <summary>API keys look like <c>olly_</c> + 43 base64url characters (256 random bits); the prefix makes them recognisable to secret scanners.</summary>
public static class ApiKeyFormat
{
    public const string Prefix = "olly_";
    private const int VisiblePrefixLength = 12;

    public static string NewKey()
    {
        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        return Prefix + Convert.ToBase64String(secret).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static string NewId()
    {
        Span<byte> id = stackalloc byte[6];
        RandomNumberGenerator.Fill(id);
        return "key_" + Convert.ToHexStringLower(id);
    }

    /// <summary>The part of a key that may be shown in lists to tell keys apart.</summary>
    public static string VisiblePart(string key) => key[..Math.Min(VisiblePrefixLength, key.Length)];
}
