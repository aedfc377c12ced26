using System.Globalization;

namespace OllyStack.Storage.Logs.Parts;

/// <summary>A log part's file name: its flush sequence number as 16 hex digits, then <c>.logpart</c>.</summary>
public static class LogPartName
{
    public static string Of(long sequence) => sequence.ToString("x16", CultureInfo.InvariantCulture) + LogPartFormat.Extension;

    public static bool TryParse(string fileName, out long sequence)
    {
        sequence = 0;
        return fileName.Length == 16 + LogPartFormat.Extension.Length && fileName.EndsWith(LogPartFormat.Extension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(0, 16), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out sequence) && sequence >= 0;
    }
}
