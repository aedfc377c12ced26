namespace OllyStack.Storage.Traces;

/// <summary>
/// Which spans a scan of a tenant's traces reads: those starting in [<see cref="StartUnixNano"/>,
/// <see cref="EndUnixNano"/>), of <see cref="Service"/> and named <see cref="Operation"/> when given. Parts without the
/// service or operation and blocks outside the range are skipped unread.
/// </summary>
public sealed record SpanScan(long StartUnixNano, long EndUnixNano, string? Service = null, string? Operation = null)
{
    public bool Matches(SpanRow span) =>
        span.StartUnixNano >= StartUnixNano && span.StartUnixNano < EndUnixNano
        && (Service is null || span.Service == Service) && (Operation is null || span.Name == Operation);

    public bool MayMatch(Parts.SpanPart part)
    {
        if (!part.Overlaps(StartUnixNano, EndUnixNano)) return false;
        if (Service is null) return true;
        foreach (var operation in part.Table.Operations)
            if (operation.Service == Service && (Operation is null || operation.Name == Operation)) return true;
        return false;
    }
}
