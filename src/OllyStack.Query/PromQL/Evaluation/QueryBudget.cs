using System.Diagnostics;

namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>Counts what one query has consumed against its <see cref="QueryLimits"/> and watches its deadline.</summary>
internal sealed class QueryBudget
{
    private readonly QueryLimits _limits;
    private readonly CancellationToken _callerToken;
    private readonly long _deadlineTimestamp;
    private long _samples;
    private long _stepSamples;
    private long _series;
    private volatile bool _samplesExceeded;

    /// <summary>
    /// The deadline is read from the clock at each check rather than set by a timer: a timer's callback needs a
    /// thread-pool thread, which under load arrives hundreds of milliseconds late.
    /// </summary>
    public QueryBudget(QueryLimits limits, CancellationToken callerToken)
    {
        _limits = limits;
        _callerToken = callerToken;
        var timeoutTicks = (long)Math.Min(limits.Timeout.TotalSeconds * Stopwatch.Frequency, long.MaxValue / 2.0);
        _deadlineTimestamp = Stopwatch.GetTimestamp() + timeoutTicks;
    }

    /// <summary>Counts samples held for the rest of the query: those loaded from storage and result points.</summary>
    public void AddSamples(long count)
    {
        _samples += count;
        ThrowIfTooManySamples();
    }

    /// <summary>Samples counted with <see cref="AddSamples"/> that are no longer held (a selector moved to its next window).</summary>
    public void ReleaseSamples(long count) => _samples -= count;

    /// <summary>
    /// Counts samples held only while one evaluation step runs (range vectors handed to functions), so the limit bounds
    /// the peak in memory as Prometheus' does, not the sum over all steps of a long range query.
    /// </summary>
    public void AddStepSamples(long count)
    {
        _stepSamples += count;
        ThrowIfTooManySamples();
    }

    /// <summary>
    /// Checks samples held only while one step of a block computed ahead is reduced (see GridBlock), on top of what
    /// is held: the same bound as <see cref="AddStepSamples"/> without counting them against the current step.
    /// </summary>
    public void CheckBlockStepSamples(long count)
    {
        if (_samples + _stepSamples + count > _limits.MaxSamples) ThrowTooManySamples();
    }

    /// <summary>Called before each evaluation step: the previous step's range vectors are no longer held.</summary>
    public void StartStep() => _stepSamples = 0;

    private void ThrowIfTooManySamples()
    {
        if (_samples + _stepSamples > _limits.MaxSamples) ThrowTooManySamples();
    }

    private void ThrowTooManySamples()
    {
        // Seen by the other threads of a sliced evaluation at their next check, so they stop too.
        _samplesExceeded = true;
        throw new QueryLimitException($"query processing would load too many samples into memory in query execution (limit: max samples {_limits.MaxSamples})");
    }

    /// <summary>
    /// The sample limit was hit (and not forgotten by <see cref="Restore"/>): a streamed evaluation then gives way to
    /// block-by-block evaluation, which holds less at once; anywhere else the query ends.
    /// </summary>
    public bool SamplesExceeded => _samplesExceeded;

    /// <summary>What is counted so far, for <see cref="Restore"/>.</summary>
    public (long Samples, long Series) Mark() => (_samples, _series);

    /// <summary>Forgets what was counted since <paramref name="mark"/>, and a sample limit hit meanwhile: that work was abandoned.</summary>
    public void Restore((long Samples, long Series) mark)
    {
        (_samples, _series) = mark;
        _samplesExceeded = false;
    }

    public void AddSeries(long count)
    {
        _series += count;
        if (_series > _limits.MaxSeries)
            throw new QueryLimitException($"query would touch too many series in query execution (limit: max series {_limits.MaxSeries})");
    }

    /// <summary>Called at every node and step, so a slow query stops soon after its deadline.</summary>
    public void ThrowIfCancelled()
    {
        _callerToken.ThrowIfCancellationRequested();
        if (_samplesExceeded) ThrowTooManySamples();
        if (Stopwatch.GetTimestamp() > _deadlineTimestamp)
            throw new QueryLimitException($"query timed out in query execution (limit: timeout {_limits.Timeout})");
    }
}
