using System.Globalization;

namespace OllyStack.Log;

/// <summary>Segment files are named after their first offset: 20 zero-padded decimal digits and ".wal".</summary>
internal static class SegmentFileName
{
    private const string Extension = ".wal";
    private const int Digits = 20;

    public static string For(long firstOffset) => firstOffset.ToString("D20", CultureInfo.InvariantCulture) + Extension;

    public static bool TryParse(string fileName, out long firstOffset)
    {
        firstOffset = 0;
        if (fileName.Length != Digits + Extension.Length || !fileName.EndsWith(Extension, StringComparison.Ordinal)) return false;
        var digits = fileName.AsSpan(0, Digits);
        foreach (var c in digits)
        {
            if (c is < '0' or > '9') return false;
        }
        return long.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out firstOffset);
    }

    /// <summary>The segment files of a topic directory, ordered by first offset.</summary>
    public static List<(string Path, long FirstOffset)> List(string topicDirectory)
    {
        var segments = new List<(string Path, long FirstOffset)>();
        foreach (var path in Directory.EnumerateFiles(topicDirectory, "*" + Extension))
        {
            if (TryParse(Path.GetFileName(path), out var firstOffset)) segments.Add((path, firstOffset));
        }
        segments.Sort((a, b) => a.FirstOffset.CompareTo(b.FirstOffset));
        return segments;
    }
}
