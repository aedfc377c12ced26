namespace OllyStack.Core.Admission;

/// <summary>
/// Where refused requests are recorded: the control plane's audit log. Completes once the entry is queued; waits
/// while the queue is full, so a flood of refused requests slows down rather than goes unrecorded.
/// </summary>
public interface IRefusalAudit
{
    ValueTask RecordAsync(RefusedRequest request);
}
