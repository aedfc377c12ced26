using System.IO.Hashing;
using System.Text;

namespace OllyStack.Storage.Index;

/// <summary>
/// The 64-bit id of a series: XxHash3 over its sorted labels as UTF-8 <c>name 0xFF value 0xFF</c> (0xFF never
/// occurs in UTF-8, so no two label sets serialize alike). Stable across processes; collisions are possible and
/// the index tells colliding series apart by their labels.
/// </summary>
public static class SeriesHash
{
    private const byte Separator = 0xFF;

    public static ulong Of(IReadOnlyList<(string Name, string Value)> sortedLabels)
    {
        var hash = new XxHash3();
        Span<byte> separator = [Separator];
        foreach (var (name, value) in sortedLabels)
        {
            hash.Append(Encoding.UTF8.GetBytes(name));
            hash.Append(separator);
            hash.Append(Encoding.UTF8.GetBytes(value));
            hash.Append(separator);
        }
        return hash.GetCurrentHashAsUInt64();
    }
}
