using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Metering;

namespace OllyStack.Server.Hosting;

/// <summary>
/// Measures each tenant's footprint on disk every interval (its folders under metrics/, logs/ and traces/ of the data
/// folder) and hands it to the meter, which the storage quota and the usage API read. All of it is the hot tier: the
/// embedded store keeps every part on local disk.
/// </summary>
public sealed class StorageFootprint : IAsyncDisposable
{
    private static readonly string[] SignalFolders = ["metrics", "logs", "traces"];

    private readonly string _dataDir;
    private readonly ControlPlaneService _controlPlane;
    private readonly UsageMeter _meter;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _measuring;

    public StorageFootprint(string dataDir, ControlPlaneService controlPlane, UsageMeter meter, TimeSpan interval)
    {
        _dataDir = dataDir;
        _controlPlane = controlPlane;
        _meter = meter;
        _measuring = Task.Run(() => MeasurePeriodicallyAsync(interval, _stopping.Token));
    }

    private void Measure()
    {
        foreach (var tenant in _controlPlane.Tenants)
            _meter.SetStored(tenant.Name, SignalFolders.Sum(folder => Bytes(Path.Combine(_dataDir, folder, tenant.Name))), 0, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        await _measuring;
        _stopping.Dispose();
    }

    private static long Bytes(string directory)
    {
        if (!Directory.Exists(directory)) return 0;
        long total = 0;
        try
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories))
            {
                try
                {
                    total += file.Length;
                }
                catch (FileNotFoundException)
                {
                    // A merge removed the part between listing and reading its size.
                }
            }
        }
        catch (DirectoryNotFoundException)
        {
        }
        return total;
    }

    private async Task MeasurePeriodicallyAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            // The first measurement runs in the background too: walking a large data folder must not delay start-up.
            do Measure();
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
        }
    }
}
