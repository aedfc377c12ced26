namespace OllyStack.Benchmarks.History;

/// <summary>
/// What one store keeps on disk for the history once it has settled. <see cref="Bytes"/> over <see cref="Samples"/> is
/// the compacted figure, measured the way that store's own layout allows (see <see cref="Method"/>); null when the
/// store has nothing of that kind yet. The data folder sizes count everything, write-ahead logs and caches included.
/// </summary>
public sealed record DiskFootprint(string Method, long? Bytes, long? Samples, long DataDirBytes, long? BytesAfterStop, long? DataDirBytesAfterStop)
{
    public double? BytesPerSample => Bytes is { } bytes && Samples is > 0 ? (double)bytes / Samples.Value : null;
}
