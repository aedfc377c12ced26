namespace OllyStack.Storage;

/// <summary>
/// The background task of a store that merges parts and applies retention: woken by every flush that wrote
/// something, and at least every interval so retention also runs while nothing arrives.
/// </summary>
internal sealed class MaintenanceLoop : IDisposable
{
    private readonly Action<CancellationToken> _maintain;
    private readonly TimeSpan _interval;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _wake = new(0, 1);
    private readonly Task _loop;

    /// <param name="maintain">Merges and drops what is due.</param>
    public MaintenanceLoop(Action<CancellationToken> maintain, TimeSpan interval)
    {
        _maintain = maintain;
        _interval = interval;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Why maintenance last failed, if it did; it retries on its next round.</summary>
    public Exception? Failure { get; private set; }

    public void Wake()
    {
        try
        {
            _wake.Release();
        }
        catch (SemaphoreFullException)
        {
            // A round is already due; it will see this flush's part too.
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        try
        {
            _loop.GetAwaiter().GetResult();
        }
        catch (OperationCanceledException)
        {
        }
        _wake.Dispose();
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            await _wake.WaitAsync(_interval, _stop.Token).ConfigureAwait(false);
            try
            {
                _maintain(_stop.Token);
                Failure = null;
            }
            catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
            {
                Failure = e;
            }
        }
    }
}
