using System.Diagnostics;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Status;
using OllyStack.Query.PromQL.Evaluation;

namespace OllyStack.Alerting.Engine;

/// <summary>
/// One rule group as the engine runs it: its rules' runners in file order, how often its interval-mode rules are
/// evaluated, and when its alert state was last saved. The group's loop evaluates the interval-mode rules in order
/// (so a recording rule runs before the rules after it); streaming-mode rules are evaluated by the stream.
/// </summary>
internal sealed class GroupRunner(RuleGroup group, IReadOnlyList<RuleRunner> rules, TimeSpan interval)
{
    private readonly Lock _saving = new();
    private long _savedChanges;
    private RuleGroupStatus? _status;

    public RuleGroup Group { get; } = group;

    public IReadOnlyList<RuleRunner> Rules { get; } = rules;

    public TimeSpan Interval { get; } = interval;

    public TimeSpan QueryOffset => Group.QueryOffset ?? TimeSpan.Zero;

    public bool HasIntervalRules => Rules.Any(r => r.Mode == EvaluationMode.Interval);

    public RuleGroupStatus? Status => Volatile.Read(ref _status);

    /// <summary>Evaluates the interval-mode rules at <paramref name="timeMs"/>, in order, over <paramref name="series"/>.</summary>
    public void EvaluateInterval(long timeMs, ISeriesSource series, RuleQueryEvaluator evaluator, RuleContext context, RuleOutput output, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        foreach (var runner in Rules)
        {
            if (runner.Mode != EvaluationMode.Interval) continue;
            runner.Evaluate(Group, timeMs, () => evaluator.Evaluate(runner.Rule.Query, Group.Tenant, series, timeMs, cancellationToken), context, output);
        }
        RecordEvaluation(timeMs, Stopwatch.GetElapsedTime(started));
    }

    /// <summary>Notes an evaluation of the group's rules (the stream's, for a group whose rules all stream).</summary>
    public void RecordEvaluation(long timeMs, TimeSpan took) =>
        Volatile.Write(ref _status, new RuleGroupStatus(took, DateTimeOffset.FromUnixTimeMilliseconds(timeMs)));

    /// <summary>Whether an alert appeared, changed state or went since the last save.</summary>
    public bool HasUnsavedChanges => Changes() != Volatile.Read(ref _savedChanges);

    /// <summary>Writes the group's alerts to <paramref name="path"/> when <see cref="HasUnsavedChanges"/>.</summary>
    public void SaveIfChanged(string path, bool fsync)
    {
        lock (_saving)
        {
            var changes = Changes();
            if (changes == _savedChanges) return;
            AlertStateFile.Save(path, Rules, fsync);
            Volatile.Write(ref _savedChanges, changes);
        }
    }

    private long Changes() => Rules.Sum(r => r.Changes);
}
