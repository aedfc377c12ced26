using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using OllyStack.Alerting.Engine;
using OllyStack.Alerting.Notifications;
using OllyStack.Alerting.Notifications.Api;
using OllyStack.Alerting.Rules;
using OllyStack.Alerting.Rules.Api;
using OllyStack.Core.Admission;
using OllyStack.Core.Durability;
using OllyStack.Query.LogQL;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Server.Api;
using OllyStack.Server.Configuration;
using OllyStack.Storage.Logs;
using OllyStack.Storage.Metrics;

namespace OllyStack.Server.Hosting;

/// <summary>
/// Alerting in the server: the rule store (reloaded on SIGHUP and <c>POST /-/reload</c>), the notifications, the rule
/// engine over the metric and log stores, and their APIs. Runs on nodes that store metrics.
/// </summary>
public sealed class AlertingHost : IAsyncDisposable
{
    private readonly RuleStore _rules;
    private readonly NotificationService _notifications;
    private readonly RuleEngine _engine;
    private readonly TextWriter _output;
    private readonly PosixSignalRegistration? _hangup;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _starting;

    private AlertingHost(RuleStore rules, NotificationService notifications, RuleEngine engine, TextWriter output, Func<CancellationToken, Task> storesCaughtUp)
    {
        _rules = rules;
        _notifications = notifications;
        _engine = engine;
        _output = output;
        _starting = StartEngineAsync(storesCaughtUp, _stopping.Token);
        _hangup = OperatingSystem.IsWindows() ? null : PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
        {
            context.Cancel = true;
            Reload();
        });
    }

    /// <param name="storesCaughtUp">
    /// Completes once the stores hold what the log held at start: rules evaluated before that would see data missing
    /// after a restart, and resolve alerts that still fire.
    /// </param>
    public static async Task<AlertingHost> StartAsync(
        ServerOptions options, IDurableLog log, MetricsStore metrics, LogsStore? logs, LogsStorageWriter? logsWriter, Func<CancellationToken, Task> storesCaughtUp,
        TextWriter output)
    {
        var externalUrl = options.ExternalUrl ?? $"http://{options.Listen}:{options.HttpPort}";
        var rules = new RuleStore(new RuleStoreOptions { DataDirectory = options.DataDir, ExtraDirectory = options.RulesDir, DefaultInterval = options.RuleEvaluationInterval });
        Report(rules.Reload(), output);
        var notifications = NotificationService.Open(new NotificationServiceOptions { DataDirectory = options.DataDir, ExternalUrl = externalUrl });
        foreach (var error in notifications.LoadErrors) await output.WriteLineAsync($"warning: alertmanager configuration not loaded: {error}");
        var engine = new RuleEngine(new RuleEngineOptions
        {
            Rules = rules,
            Notifier = notifications,
            StoredSeries = tenant => metrics.Find(tenant) is { } stored ? new MetricsStoreSeriesSource(stored) : new InMemorySeriesSource(),
            Logs = logs is null ? null : new StoredLogSource(logs),
            LogsWriter = logsWriter,
            Stream = log,
            Samples = new DurableLogRuleSampleSink(log),
            StateDirectory = Path.Combine(options.DataDir, "alerting", "state"),
            ExternalUrl = externalUrl,
            Warn = message => output.WriteLine($"warning: {message}"),
        });
        return new AlertingHost(rules, notifications, engine, output, storesCaughtUp);
    }

    public void Map(IEndpointRouteBuilder endpoints, ApiAuthorizer authorizer)
    {
        new RulesApi(_rules, _engine, authorizer.For(Permissions.MetricsRead), authorizer.For(Permissions.AlertsManage)).Map(endpoints);
        new NotificationApi(_notifications, authorizer.RequireAsync).Map(endpoints);
        endpoints.MapPost("/-/reload", async context =>
        {
            if (await authorizer.RequireAsync(context, Permissions.AlertsManage) is null) return;
            var errors = Reload();
            context.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(context.Response.Body);
            json.WriteStartObject();
            json.WriteString("status", "success");
            json.WriteStartObject("data");
            json.WriteStartArray("errors");
            foreach (var error in errors) json.WriteStringValue(error.ToString());
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>Reads every rule file again; changed groups take effect at once, unchanged rules keep their alerts.</summary>
    public IReadOnlyList<RuleFileError> Reload()
    {
        var errors = _rules.Reload();
        Report(errors, _output);
        return errors;
    }

    public async ValueTask DisposeAsync()
    {
        _hangup?.Dispose();
        await _stopping.CancelAsync();
        await _starting;
        _stopping.Dispose();
        await _engine.DisposeAsync();
        await _notifications.DisposeAsync();
    }

    private async Task StartEngineAsync(Func<CancellationToken, Task> storesCaughtUp, CancellationToken cancellationToken)
    {
        try
        {
            await storesCaughtUp(cancellationToken);
            await _engine.StartAsync();
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
    }

    private static void Report(IReadOnlyList<RuleFileError> errors, TextWriter output)
    {
        foreach (var error in errors) output.WriteLine($"warning: rule not loaded: {error}");
    }
}
