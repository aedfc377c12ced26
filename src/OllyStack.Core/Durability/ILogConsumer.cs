namespace OllyStack.Core.Durability;

/// <summary>
/// Reads one topic on behalf of a consumer group. Groups are independent: each keeps its own committed
/// offset, and a restarted consumer resumes from there (at-least-once delivery).
/// </summary>
public interface ILogConsumer : IAsyncDisposable
{
    string Topic { get; }

    string Group { get; }

    /// <summary>The offset of the next record <see cref="ReadAsync"/> returns.</summary>
    long Position { get; }

    /// <summary>The group's committed offset: the first record it has not finished with.</summary>
    long CommittedOffset { get; }

    /// <summary>
    /// Returns up to <paramref name="maxRecords"/> records from <see cref="Position"/> on, waiting until at least
    /// one is durable. The returned payloads are valid until the next call.
    /// </summary>
    ValueTask<IReadOnlyList<ConsumedRecord>> ReadAsync(int maxRecords, CancellationToken cancellationToken = default);

    /// <summary>Moves the read position; reading below the oldest retained record fails.</summary>
    void Seek(long offset);

    /// <summary>Durably records that the group is done with every record below <paramref name="nextOffset"/>.</summary>
    ValueTask CommitAsync(long nextOffset, CancellationToken cancellationToken = default);
}
