namespace OllyStack.Storage.Metrics;

/// <summary>
/// Merges runs of one series' samples, each ascending, given oldest first: the result ascends without repeated
/// timestamps, and where runs share a timestamp the newest run's value wins. This is how duplicates across parts
/// and the head resolve, in queries and in merges alike.
/// </summary>
public static class SampleRuns
{
    /// <summary>Merges run <paramref name="newerTimestamps"/> into the accumulated lists, the newer run winning ties.</summary>
    public static void MergeInto(List<long> timestamps, List<double> values, ReadOnlySpan<long> newerTimestamps, ReadOnlySpan<double> newerValues)
    {
        if (newerTimestamps.IsEmpty) return;
        if (timestamps.Count == 0 || timestamps[^1] < newerTimestamps[0])
        {
            Append(timestamps, values, newerTimestamps, newerValues);
            return;
        }
        var olderTimestamps = timestamps.ToArray();
        var olderValues = values.ToArray();
        timestamps.Clear();
        values.Clear();
        int i = 0, j = 0;
        while (i < olderTimestamps.Length || j < newerTimestamps.Length)
        {
            if (j == newerTimestamps.Length || (i < olderTimestamps.Length && olderTimestamps[i] < newerTimestamps[j]))
            {
                timestamps.Add(olderTimestamps[i]);
                values.Add(olderValues[i++]);
                continue;
            }
            if (i < olderTimestamps.Length && olderTimestamps[i] == newerTimestamps[j]) i++;
            timestamps.Add(newerTimestamps[j]);
            values.Add(newerValues[j++]);
        }
    }

    private static void Append(List<long> timestamps, List<double> values, ReadOnlySpan<long> newerTimestamps, ReadOnlySpan<double> newerValues)
    {
        timestamps.AddRange(newerTimestamps);
        values.AddRange(newerValues);
    }
}
