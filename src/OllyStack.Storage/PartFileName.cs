using System.Globalization;

namespace OllyStack.Storage;

/// <summary>A log or span part's file name: its flush sequence number as 16 hex digits, then the kind's extension.</summary>
internal static class PartFileName
{
    public static string Of(long sequence, string extension) => sequence.ToString("x16", CultureInfo.InvariantCulture) + extension;

    public static bool TryParse(string fileName, string extension, out long sequence)
    {
        sequence = 0;
        return fileName.Length == 16 + extension.Length && fileName.EndsWith(extension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out sequence) && sequence >= 0;
    }
}
