using Microsoft.Extensions.Time.Testing;
using OllyStack.Alerting.Notifications;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Testing;

namespace OllyStack.Alerting.Tests.Notifications;

/// <summary>
/// A notification service on a fake clock with a throwaway data directory, and the alerts a rule engine would send.
/// Time only moves when a test advances it; <see cref="AdvanceAsync"/> then waits until every notification the
/// move caused has been delivered or given up, so tests assert on what the receivers got without sleeping.
/// </summary>
internal sealed class NotifierHarness : IAsyncDisposable
{
    public const string Tenant = "acme";

    public static readonly DateTimeOffset Start = new(2026, 11, 24, 12, 0, 0, TimeSpan.Zero);

    private NotifierHarness(string dataDirectory, FakeTimeProvider time)
    {
        DataDirectory = dataDirectory;
        Time = time;
        Service = Open();
    }

    public string DataDirectory { get; }

    public FakeTimeProvider Time { get; }

    public NotificationService Service { get; private set; }

    public TenantNotifier Notifier => Service.For(Tenant);

    public DateTimeOffset Now => Time.GetUtcNow();

    public static NotifierHarness Create(string? config = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ollystack-notify-" + Guid.NewGuid().ToString("N"));
        var harness = new NotifierHarness(directory, new FakeTimeProvider(Start));
        if (config is not null) harness.Service.ApplyConfig(Tenant, config);
        return harness;
    }

    /// <summary>A firing alert that starts now.</summary>
    public Alert Alert(params (string Name, string Value)[] labels) =>
        new(Labels.Of(labels), Labels.Of(("summary", "something is wrong")), Now, null, "http://ollystack/rules");

    public void Notify(params Alert[] alerts) => Service.Notify(Tenant, alerts);

    public void Resolve(params Alert[] alerts) => Notify(alerts.Select(a => a with { EndsAt = Now }).ToArray());

    public async Task AdvanceAsync(TimeSpan by)
    {
        // A request under way when the clock jumps past its deadline would fail and wait for a retry the clock never reaches.
        await SettledAsync();
        Time.Advance(by);
        await SettledAsync();
    }

    public async Task SettledAsync()
    {
        var token = TestTimeout.Token;
        while (Notifier.PendingDeliveries > 0)
        {
            if (token.IsCancellationRequested)
                throw new TimeoutException($"{Notifier.PendingDeliveries} notifications still pending after 30 s; attempts: {string.Join("; ", Notifier.Log.Query())}");
            await Task.Delay(5, CancellationToken.None);
        }
    }

    /// <summary>Closes the service and opens a new one on the same data directory, as a restart does.</summary>
    public async Task RestartAsync()
    {
        await Service.DisposeAsync();
        Service = Open();
    }

    public async ValueTask DisposeAsync()
    {
        await Service.DisposeAsync();
        if (Directory.Exists(DataDirectory)) Directory.Delete(DataDirectory, recursive: true);
    }

    private NotificationService Open() => NotificationService.Open(new NotificationServiceOptions
    {
        DataDirectory = DataDirectory,
        Time = Time,
        ExternalUrl = "http://ollystack.test",
        Fsync = false,
    });
}
