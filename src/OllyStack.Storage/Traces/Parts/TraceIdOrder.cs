using OllyStack.Core.Batches;

namespace OllyStack.Storage.Traces.Parts;

/// <summary>Trace ids in the order of their bytes (docs/format/span-part.md): the order of a part's spans and trace ids.</summary>
public sealed class TraceIdOrder : IComparer<TraceId>
{
    public static readonly TraceIdOrder Instance = new();

    public int Compare(TraceId x, TraceId y) => x.High != y.High ? x.High.CompareTo(y.High) : x.Low.CompareTo(y.Low);
}
