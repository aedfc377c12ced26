namespace OllyStack.Core.Durability;

/// <summary>
/// The durable log between ingest and everything downstream. Each topic is an ordered sequence of records
/// with dense offsets from 0. <see cref="AppendAsync"/> completes only once the record is durable (on disk for
/// the embedded WAL, acknowledged by the stream for JetStream); consumers only ever see durable records.
/// </summary>
public interface IDurableLog : IAsyncDisposable
{
    /// <summary>Appends one record and returns its offset once it is durable.</summary>
    ValueTask<long> AppendAsync(string topic, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default);

    /// <summary>The offset the next appended record of <paramref name="topic"/> will get: everything below is durable.</summary>
    long GetEndOffset(string topic);

    /// <summary>Opens a reader for <paramref name="group"/>, positioned at the group's committed offset.</summary>
    ILogConsumer OpenConsumer(string topic, string group);
}
