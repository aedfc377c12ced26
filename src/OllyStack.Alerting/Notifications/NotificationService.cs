using System.Collections.Concurrent;
using System.Text;
using OllyStack.Alerting.Notifications.Configuration;
using OllyStack.Alerting.Notifications.Delivery;
using OllyStack.Alerting.Notifications.Silencing;
using OllyStack.Core.Durability;
using OllyStack.Core.Tenancy;

namespace OllyStack.Alerting.Notifications;

/// <summary>
/// Notifications for every tenant: a <see cref="TenantNotifier"/> each, created on first use, with its configuration
/// from <c>&lt;data-dir&gt;/alertmanager/&lt;tenant&gt;.yaml</c> and its silences from
/// <c>&lt;data-dir&gt;/alertmanager/silences/&lt;tenant&gt;.json</c>, and what it last notified from
/// <c>&lt;data-dir&gt;/alertmanager/nflog/&lt;tenant&gt;.json</c>. The entry point the rule engine and the HTTP API use.
/// </summary>
public sealed class NotificationService : IAlertNotifier, IAsyncDisposable
{
    private readonly NotificationServiceOptions _options;
    private readonly HttpSender _http;
    private readonly ConcurrentDictionary<string, TenantNotifier> _tenants = new(StringComparer.Ordinal);
    private readonly object _create = new();
    private readonly List<string> _loadErrors = [];

    private NotificationService(NotificationServiceOptions options)
    {
        _options = options;
        _http = new HttpSender(options.Time);
    }

    /// <summary>Configuration files that could not be loaded at start, each with its reason; those tenants notify no one until fixed.</summary>
    public IReadOnlyList<string> LoadErrors => _loadErrors;

    public TimeProvider Time => _options.Time;

    public string ConfigDirectory => Path.Combine(_options.DataDirectory, "alertmanager");

    /// <summary>Starts the notifiers of every tenant that has a configuration file.</summary>
    public static NotificationService Open(NotificationServiceOptions options)
    {
        var service = new NotificationService(options);
        if (!Directory.Exists(service.ConfigDirectory)) return service;
        foreach (var file in Directory.EnumerateFiles(service.ConfigDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            var tenant = Path.GetFileNameWithoutExtension(file);
            if (!TenantName.IsValid(tenant)) continue;
            try
            {
                service.For(tenant).ApplyConfig(AlertmanagerConfigParser.Parse(File.ReadAllText(file)));
            }
            catch (AlertmanagerConfigException e)
            {
                service._loadErrors.Add($"{file}: {e.Message}");
            }
        }
        return service;
    }

    /// <summary>Hands a tenant's firing and resolved alerts to its notifier; returns at once.</summary>
    public void Notify(string tenant, IReadOnlyList<Alert> alerts) => For(tenant).Notify(alerts);

    /// <exception cref="ArgumentException">Not a valid tenant name.</exception>
    public TenantNotifier For(string tenant)
    {
        if (_tenants.TryGetValue(tenant, out var notifier)) return notifier;
        if (!TenantName.IsValid(tenant)) throw new ArgumentException($"invalid tenant name \"{tenant}\"", nameof(tenant));
        lock (_create)
        {
            return _tenants.GetOrAdd(tenant, name => new TenantNotifier(
                name, new SilenceStore(SilencesPath(name), _options.Time, _options.Fsync), NotificationState.Open(NotificationLogPath(name), _options.Fsync),
                _options.Time, _http, _options.Retry,
                _options.NotificationLogCapacity, _options.ExternalUrl));
        }
    }

    /// <summary>
    /// Validates a configuration, writes it to the tenant's file (atomically: a crash leaves the old file or the new
    /// one) and puts it in force without a restart.
    /// </summary>
    /// <exception cref="AlertmanagerConfigException">The configuration is refused; nothing changed.</exception>
    public AlertmanagerConfig ApplyConfig(string tenant, string text)
    {
        var notifier = For(tenant);
        var config = AlertmanagerConfigParser.Parse(text);
        // One writer per tenant at a time, so the file and the configuration in force end up the same.
        lock (notifier)
        {
            Directory.CreateDirectory(ConfigDirectory);
            var path = ConfigPath(tenant);
            AtomicFile.Write(path, path + ".tmp", Encoding.UTF8.GetBytes(text), _options.Fsync);
            notifier.ApplyConfig(config);
        }
        return config;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var notifier in _tenants.Values) await notifier.DisposeAsync();
        _http.Dispose();
    }

    private string ConfigPath(string tenant) => Path.Combine(ConfigDirectory, tenant + ".yaml");

    private string SilencesPath(string tenant) => Path.Combine(ConfigDirectory, "silences", tenant + ".json");

    private string NotificationLogPath(string tenant) => Path.Combine(ConfigDirectory, "nflog", tenant + ".json");
}
