using OllyStack.Core.Batches;

namespace OllyStack.Ingest.Tests;

/// <summary>Asserts that two batches hold the same bytes, naming the first column that differs.</summary>
internal static class SameBatch
{
    public static void Assert(TelemetryBatch expected, TelemetryBatch actual)
    {
        for (var i = 0; i < expected.Columns.Count; i++)
        {
            var expectedBytes = expected.Columns[i].AsBytes().ToArray();
            var actualBytes = actual.Columns[i].AsBytes().ToArray();
            Xunit.Assert.True(expectedBytes.SequenceEqual(actualBytes),
                $"column {i} differs: {expected.Columns[i].Count} vs {actual.Columns[i].Count} items");
        }
        Xunit.Assert.Equal(BatchCodec.ToArray(expected), BatchCodec.ToArray(actual));
    }
}
