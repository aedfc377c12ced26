using OllyStack.Core.Durability;

namespace OllyStack.Storage;

/// <summary>
/// Consumes the logs or traces topic into a <see cref="RecordStore{TTenant}"/>: each batch is decoded, skipped when
/// the tenant's parts already hold it (a crash can fall between a flush and the commit of the consumer's offset, see
/// <see cref="PartHeader.LogEnd"/>), and otherwise appended to the tenant's head.
/// </summary>
public abstract class RecordStorageWriter<TTenant> : TopicStorageWriter where TTenant : class, IRecordTenant
{
    private readonly RecordStore<TTenant> _store;

    protected RecordStorageWriter(IDurableLog log, string topic, string group, RecordStore<TTenant> store) : base(log, topic, group) => _store = store;

    protected sealed override bool HasUnflushed => _store.HasUnflushed;

    /// <summary>Reads the record into the writer's batch; returns the batch's tenant.</summary>
    protected abstract string Decode(ReadOnlySpan<byte> payload);

    /// <summary>Appends the decoded batch to the tenant's head.</summary>
    protected abstract void Append(TTenant tenant);

    protected sealed override void Apply(long offset, ReadOnlySpan<byte> payload)
    {
        var tenant = _store.For(Decode(payload));
        if (offset >= tenant.DurableLogEnd) Append(tenant);
    }

    protected sealed override bool FlushDue(TimeSpan sinceFlush) => _store.FlushDue(sinceFlush);

    protected sealed override void Flush(long appliedEnd) => _store.Flush(appliedEnd);
}
