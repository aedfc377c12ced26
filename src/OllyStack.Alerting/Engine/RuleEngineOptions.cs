using OllyStack.Alerting.Rules;
using OllyStack.Core.Durability;
using OllyStack.Query.LogQL;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Storage;

namespace OllyStack.Alerting.Engine;

public sealed class RuleEngineOptions
{
    public required RuleStore Rules { get; init; }

    public required IAlertNotifier Notifier { get; init; }

    /// <summary>A tenant's stored series, for rules evaluated by the query engine (a fresh source per evaluation).</summary>
    public required Func<string, ISeriesSource> StoredSeries { get; init; }

    /// <summary>The log store, for LogQL rules; null on a node without one (such rules then report an error).</summary>
    public ILogSource? Logs { get; init; }

    /// <summary>
    /// The writer that fills <see cref="Logs"/> from the logs topic: a log rule joining the stream is seeded from the
    /// store once the writer has applied every record the stream has not offered, so no line falls between the two.
    /// Null seeds at once.
    /// </summary>
    public TopicStorageWriter? LogsWriter { get; init; }

    /// <summary>
    /// The durable log whose metrics and logs topics streaming rules follow; null evaluates every rule on its group's interval.
    /// </summary>
    public IDurableLog? Stream { get; init; }

    /// <summary>Where recording rules and ALERTS / ALERTS_FOR_STATE go; null writes nothing.</summary>
    public IRuleSampleSink? Samples { get; init; }

    /// <summary>Where each group's alert state is kept across restarts (<c>&lt;data-dir&gt;/alerting/state</c>); null keeps it in memory only.</summary>
    public string? StateDirectory { get; init; }

    /// <summary>The URL people reach OllyStack at: alerts link to their expression there.</summary>
    public string ExternalUrl { get; init; } = "";

    /// <summary>How often a still-firing alert is sent again (Prometheus' --rules.alert.resend-delay).</summary>
    public TimeSpan ResendDelay { get; init; } = TimeSpan.FromMinutes(1);

    public PromQLEngineOptions PromQL { get; init; } = new();

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>Problems worth a line in the server's output (a state file that could not be read, results that could not be written).</summary>
    public Action<string> Warn { get; init; } = _ => { };

    /// <summary>False only where durability is deliberately off (throwaway tests).</summary>
    public bool Fsync { get; init; } = true;

    /// <summary>False in tests that drive every evaluation themselves (<see cref="RuleEngine.EvaluateGroupAsync"/>).</summary>
    internal bool Schedule { get; init; } = true;
}
