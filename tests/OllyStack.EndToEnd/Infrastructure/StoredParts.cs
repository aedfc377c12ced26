using System.Globalization;
using System.Text.RegularExpressions;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>The log or span parts a server has on disk, by their names (<c>&lt;first&gt;-&lt;last&gt;.&lt;kind&gt;</c>, a range of flushes).</summary>
internal static partial class StoredParts
{
    public const string Logs = "logs";
    public const string Traces = "traces";

    /// <summary>
    /// The sequence number of the tenant's newest flush on disk (-1 before the first): it grows with every flush that
    /// wrote the tenant something, whatever merges and retention remove (save its newest part). Each tenant counts its own.
    /// </summary>
    public static long NewestFlush(ServerProcess server, string store, string tenant) =>
        Ranges(Path.Combine(server.DataDir, store, tenant), store).Select(r => r.Last).DefaultIfEmpty(-1).Max();

    /// <summary>Parts named by a range of several flushes: merged ones.</summary>
    public static int Merged(ServerProcess server, string store) => Ranges(Path.Combine(server.DataDir, store), store).Count(r => r.First != r.Last);

    private static IEnumerable<(long First, long Last)> Ranges(string folder, string store)
    {
        if (!Directory.Exists(folder)) return [];
        var extension = store == Logs ? ".logpart" : ".spanpart";
        return Directory.EnumerateFiles(folder, "*" + extension, SearchOption.AllDirectories)
            .Select(path => Range().Match(Path.GetFileName(path)))
            .Where(m => m.Success)
            .Select(m => (long.Parse(m.Groups[1].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture), long.Parse(m.Groups[2].Value, NumberStyles.HexNumber, CultureInfo.InvariantCulture)));
    }

    [GeneratedRegex("^([0-9a-f]{16})-([0-9a-f]{16})\\.")]
    private static partial Regex Range();
}
