namespace OllyStack.Storage.Traces;

public sealed class TracesStoreOptions
{
    /// <summary>The folder holding a subfolder of parts per tenant.</summary>
    public required string Directory { get; init; }

    /// <summary>The head is written to a part at least this often while it holds spans.</summary>
    public TimeSpan FlushInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>...and as soon as it holds this many spans, which bounds its memory.</summary>
    public long MaxHeadSpans { get; init; } = 500_000;
}
