using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace OllyStack.ControlPlane.Audit;

/// <summary>
/// The hash chain of the audit log (docs/format/audit-chain.md): each entry's hash is SHA-256 of the previous hash
/// followed by the entry's fields, each length-prefixed so no two different entries encode alike.
/// </summary>
public static class AuditChain
{
    /// <summary>The "previous hash" of the first entry.</summary>
    public static ReadOnlySpan<byte> Genesis => new byte[32];

    public static byte[] HashOf(AuditEntry entry, ReadOnlySpan<byte> previousHash)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(previousHash);
        Span<byte> number = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Sequence);
        hash.AppendData(number);
        BinaryPrimitives.WriteInt64BigEndian(number, entry.Time.ToUnixTimeMilliseconds());
        hash.AppendData(number);
        foreach (var field in (ReadOnlySpan<string?>)[entry.Actor, entry.ActorTenant, entry.Source, entry.Tenant, entry.Action, entry.Target, entry.Outcome, entry.Before, entry.After])
            AppendField(hash, field);
        return hash.GetHashAndReset();
    }

    /// <summary>
    /// Checks entries given in sequence order from the first: the first sequence number that does not follow, or
    /// whose hash does not match, or null if the chain is intact.
    /// </summary>
    public static AuditBreak? Verify(IEnumerable<AuditEntry> entries)
    {
        var previous = Genesis.ToArray();
        var expected = 1L;
        foreach (var entry in entries)
        {
            if (entry.Sequence != expected) return new AuditBreak(expected, $"entry {expected} is missing (the next one is {entry.Sequence})");
            if (!CryptographicOperations.FixedTimeEquals(HashOf(entry, previous), entry.Hash))
                return new AuditBreak(entry.Sequence, $"entry {entry.Sequence} does not match its hash: it, or an entry before it, was changed");
            previous = entry.Hash;
            expected++;
        }
        return null;
    }

    // A null field and an empty one differ: length -1 marks null.
    private static void AppendField(IncrementalHash hash, string? field)
    {
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, field is null ? -1 : Encoding.UTF8.GetByteCount(field));
        hash.AppendData(length);
        if (field is not null) hash.AppendData(Encoding.UTF8.GetBytes(field));
    }
}

/// <summary>Where the chain is broken and how.</summary>
public sealed record AuditBreak(long Sequence, string Reason);
