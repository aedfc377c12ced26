namespace OllyStack.Core.Batches;

/// <summary>
/// A struct-of-arrays batch of one signal for one tenant. Every column is pooled, and a batch is cleared and
/// reused rather than dropped, so steady-state decoding allocates nothing per record.
/// </summary>
public abstract class TelemetryBatch : IDisposable
{
    private IColumn[]? _columns;

    public string Tenant { get; set; } = "";

    public abstract Signal Signal { get; }

    public Utf8Heap Strings { get; } = new();

    /// <summary>Records in the batch: samples for metrics, log records for logs, spans for traces.</summary>
    public abstract int RecordCount { get; }

    /// <summary>The columns in their serialized order; the order is part of the batch format (docs/format/batch.md).</summary>
    public IReadOnlyList<IColumn> Columns => _columns ??= DeclareColumns();

    protected abstract IColumn[] DeclareColumns();

    public string GetString(Utf8Ref reference) => Strings.GetString(reference);

    public void Clear()
    {
        Tenant = "";
        foreach (var column in Columns) column.Clear();
    }

    /// <summary>Returns every column's pooled storage.</summary>
    public void Dispose()
    {
        foreach (var column in Columns) column.Release();
        GC.SuppressFinalize(this);
    }
}
