namespace OllyStack.Alerting.Engine;

/// <summary>
/// Evaluates a group's interval-mode rules every interval, at the scheduled tick's time (less the group's query
/// offset) as Prometheus does. Ticks missed while an evaluation overran are skipped, not made up. An evaluation that
/// throws is reported and the loop goes on.
/// </summary>
internal sealed class GroupLoop(GroupRunner runner, Func<GroupRunner, long, CancellationToken, Task> evaluate, TimeProvider time, Action<string> warn)
{
    private CancellationTokenSource? _stop;
    private Task _running = Task.CompletedTask;

    public GroupRunner Runner { get; } = runner;

    public void Start(CancellationToken stopping)
    {
        _stop = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        _running = Runner.HasIntervalRules ? RunAsync(_stop.Token) : Task.CompletedTask;
    }

    /// <summary>Stops the loop and waits for an evaluation under way to finish.</summary>
    public async Task StopAsync()
    {
        if (_stop is null) return;
        await _stop.CancelAsync().ConfigureAwait(false);
        await _running.ConfigureAwait(false);
        _stop.Dispose();
        _stop = null;
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        await Task.Yield();
        var tick = time.GetUtcNow();
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await evaluate(Runner, (tick - Runner.QueryOffset).ToUnixTimeMilliseconds(), cancellationToken).ConfigureAwait(false);
                var now = time.GetUtcNow();
                do tick += Runner.Interval;
                while (tick <= now);
                await Task.Delay(tick - now, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                warn($"rule group {Runner.Group.Name} of tenant {Runner.Group.Tenant}: evaluation failed: {e.Message}");
                tick = time.GetUtcNow() + Runner.Interval;
                await Task.Delay(Runner.Interval, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
            }
        }
    }
}
