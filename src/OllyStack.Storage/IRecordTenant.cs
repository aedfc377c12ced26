namespace OllyStack.Storage;

/// <summary>One tenant's logs or spans as its <see cref="RecordStore{TTenant}"/> drives them.</summary>
public interface IRecordTenant : IDisposable
{
    string Tenant { get; }

    /// <summary>Part files found damaged on open and set aside (renamed to <c>.damaged</c>).</summary>
    IReadOnlyList<string> Damaged { get; }

    /// <summary>Every record of the tenant below this offset of its topic is in a part (<see cref="PartHeader.LogEnd"/>).</summary>
    long DurableLogEnd { get; }

    /// <summary>Writes the head to a new part (storage writer only) recording <paramref name="logEnd"/>; returns the records written.</summary>
    long Flush(long logEnd);

    /// <summary>Merges what is due and drops parts past <paramref name="retention"/> (maintenance only); returns the merges done.</summary>
    int Maintain(TimeSpan retention, CancellationToken cancellationToken);
}
