namespace OllyStack.Benchmarks.Alerting;

/// <summary>
/// One breach of a log rule: four "upstream timeout" error lines of one stream in one request, from the request's
/// acknowledgement until the stream's firing alert reaches the receiver. Times are <see cref="System.Diagnostics.Stopwatch"/>
/// timestamps; 0 is "not yet". Written by the stream's sender only.
/// </summary>
public sealed class LogBreach(int app, int instance)
{
    public int App { get; } = app;

    public int Instance { get; } = instance;

    public string AlertName => LogAlertRules.AlertName(App);

    public string InstanceName => LogAlertRules.InstanceName(Instance);

    public long AcknowledgedAt { get; set; }
}
