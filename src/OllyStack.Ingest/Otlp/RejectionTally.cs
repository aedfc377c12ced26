namespace OllyStack.Ingest.Otlp;

/// <summary>
/// Counts records a decoder refused while keeping the rest (OTLP partial success). Only the first reason is
/// kept as text, so a request full of bad records costs one string, not one per record.
/// </summary>
public struct RejectionTally
{
    public long Rejected { get; private set; }

    public string? FirstReason { get; private set; }

    public void Reject(string reason, long count = 1)
    {
        Rejected += count;
        FirstReason ??= reason;
    }

    public readonly string? Message => Rejected == 0 ? null : Rejected == 1 ? FirstReason : $"{FirstReason} (and {Rejected - 1} more rejected)";
}
