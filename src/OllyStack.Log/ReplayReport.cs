namespace OllyStack.Log;

/// <summary>What <see cref="WriteAheadLog.Open"/> found on disk, one entry per topic, for the server to log.</summary>
public sealed class ReplayReport(IReadOnlyList<TopicReplay> topics)
{
    public IReadOnlyList<TopicReplay> Topics { get; } = topics;

    public long TruncatedBytes => Topics.Sum(topic => topic.TruncatedBytes);

    public override string ToString() =>
        Topics.Count == 0 ? "write-ahead log is empty" : string.Join(Environment.NewLine, Topics);
}
