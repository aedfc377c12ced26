namespace OllyStack.Storage;

/// <summary>A log or span part as its tenant's <see cref="RecordParts{TPart}"/> keeps it: named, held by readers, retired.</summary>
internal interface IRecordPart
{
    PartId Id { get; }

    PartHeader Header { get; }

    /// <summary>Bytes on disk.</summary>
    long Length { get; }

    /// <inheritdoc cref="PartLifetime.TryAcquire"/>
    bool TryAcquire();

    void Release();

    /// <inheritdoc cref="PartLifetime.Retire"/>
    void Retire();

    /// <inheritdoc cref="PartLifetime.Close"/>
    void Close();
}
