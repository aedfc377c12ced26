using OllyStack.Core.Durability;

namespace OllyStack.Pipeline.Tests;

/// <summary>A durable log whose disk queue is always full: every append fails as the embedded WAL's does when overloaded.</summary>
internal sealed class OverloadedLog(TimeSpan retryAfter) : IDurableLog
{
    public int Appends { get; private set; }

    public ValueTask<long> AppendAsync(string topic, ReadOnlyMemory<byte> record, CancellationToken cancellationToken = default)
    {
        Appends++;
        return ValueTask.FromException<long>(new LogOverloadedException($"topic '{topic}' has too many bytes waiting for disk", retryAfter));
    }

    public long GetEndOffset(string topic) => 0;

    public ILogConsumer OpenConsumer(string topic, string group) => throw new NotSupportedException();

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
