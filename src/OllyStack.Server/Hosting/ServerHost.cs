using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Keys;
using OllyStack.ControlPlane.Metering;
using OllyStack.ControlPlane.Oidc;
using OllyStack.ControlPlane.Store;
using OllyStack.Core.Admission;
using OllyStack.Core.Durability;
using OllyStack.Ingest;
using OllyStack.Log;
using OllyStack.Pipeline;
using OllyStack.Pipeline.Quotas;
using OllyStack.Query.Api;
using OllyStack.Query.Api.Loki;
using OllyStack.Query.PromQL.Caching;
using OllyStack.Query.PromQL.Evaluation;
using OllyStack.Query.Traces;
using OllyStack.Query.Warmup;
using OllyStack.Storage.Logs;
using OllyStack.Storage.Metrics;
using OllyStack.Storage.Traces;
using OllyStack.Server.Api;
using OllyStack.Server.Configuration;
using OllyStack.Server.Observability;

namespace OllyStack.Server.Hosting;

/// <summary>
/// Wires the stages into one process: key store and durable log first (replayed before any port opens), then
/// Kestrel with one listener per role: OTLP/gRPC, OTLP/HTTP plus the other push protocols, and the API port.
/// </summary>
public static class ServerHost
{
    public static async Task<int> RunAsync(ServerOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(options.DataDir);
        using var dataLock = DataDirectoryLock.TryAcquire(options.DataDir);
        if (dataLock is null)
        {
            var lockFile = Path.GetFullPath(Path.Combine(options.DataDir, DataDirectoryLock.FileName));
            await output.WriteLineAsync($"error: another ollystack is using {Path.GetFullPath(options.DataDir)} (its process id is in {lockFile}); stop it or give this one its own --data-dir");
            return 2;
        }
        using var controlPlaneStore = ControlPlaneStores.Open(options.ControlPlane, options.DataDir);
        var imported = KeyFileImport.Run(options.DataDir, controlPlaneStore, DateTimeOffset.UtcNow);
        if (imported > 0) await output.WriteLineAsync($"Moved {imported} API keys from {KeyFileImport.FileName} into the control-plane database; the old file is kept as {KeyFileImport.FileName}.imported.");
        await using var controlPlane = ControlPlaneService.Open(controlPlaneStore,
            identity: new IdentityOptions { SessionIdleTimeout = options.SessionIdleTimeout, SessionLifetime = options.SessionLifetime });
        BootstrapAdminKey.EnsureCreated(controlPlane, options.DataDir, output);
        await using var meter = new UsageMeter(controlPlaneStore, TimeProvider.System, TimeSpan.FromSeconds(5));
        await using var footprint = new StorageFootprint(options.DataDir, controlPlane, meter, TimeSpan.FromSeconds(30));
        using var selfMetrics = new SelfMetrics();
        await using var log = WriteAheadLog.Open(new WriteAheadLogOptions
        {
            Directory = Path.Combine(options.DataDir, "wal"),
            SegmentBytes = options.WalSegmentBytes,
            Fsync = options.WalFsync,
            MaxQueuedBytes = options.WalMaxQueuedBytes,
        });
        ReportReplay(log, output);
        await using var metrics = options.MetricsStorage ? MetricsStore.Open(new MetricsStoreOptions
        {
            Directory = Path.Combine(options.DataDir, "metrics"),
            FlushInterval = options.MetricsFlushInterval,
            Retention = options.MetricsRetention,
            TenantPolicies = controlPlane,
        }) : null;
        foreach (var damaged in metrics?.DamagedParts ?? [])
            await output.WriteLineAsync($"warning: metric part set aside as damaged ({damaged}); its samples are not queryable. Restore it from a backup or delete the .damaged file.");
        using var logs = options.LogsStorage ? LogsStore.Open(new LogsStoreOptions
        {
            Directory = Path.Combine(options.DataDir, "logs"),
            FlushInterval = options.LogsFlushInterval,
            Retention = options.LogsRetention,
            TenantPolicies = controlPlane,
        }) : null;
        foreach (var damaged in logs?.DamagedParts ?? [])
            await output.WriteLineAsync($"warning: log part set aside as damaged ({damaged}); its records are not queryable. Restore it from a backup or delete the .damaged file.");
        using var traces = options.TracesStorage ? TracesStore.Open(new TracesStoreOptions
        {
            Directory = Path.Combine(options.DataDir, "traces"),
            FlushInterval = options.TracesFlushInterval,
            Retention = options.TracesRetention,
            TenantPolicies = controlPlane,
        }) : null;
        foreach (var damaged in traces?.DamagedParts ?? [])
            await output.WriteLineAsync($"warning: span part set aside as damaged ({damaged}); its spans are not queryable. Restore it from a backup or delete the .damaged file.");
        await using var storageWriter = metrics is null ? null : new MetricsStorageWriter(log, metrics);
        await using var logsWriter = logs is null ? null : new LogsStorageWriter(log, logs);
        await using var tracesWriter = traces is null ? null : new TracesStorageWriter(log, traces);
        await using var alerting = storageWriter is null ? null : await AlertingHost.StartAsync(options, log, metrics!, logs, logsWriter, CaughtUp(log, storageWriter, logsWriter), output);
        var publicUrl = options.ExternalUrl ?? $"http://{(options.Listen.Contains(':') ? $"[{options.Listen}]" : options.Listen)}:{options.HttpPort}";
        using var singleSignOn = SingleSignOnHost.Create(options, publicUrl);
        var authorizer = new ApiAuthorizer(controlPlane, meter, singleSignOn?.Bearer, publicUrl);
        var app = Build(options, authorizer, singleSignOn?.SignOn, meter, log, selfMetrics, metrics, logs, traces, alerting, () => Problem(storageWriter, logsWriter, tracesWriter));
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch (IOException e) when (e.InnerException is System.Net.Sockets.SocketException || e.Message.Contains("address", StringComparison.OrdinalIgnoreCase))
        {
            await output.WriteLineAsync($"error: cannot listen on {options.Listen} ports {options.OtlpGrpcPort}/{options.OtlpHttpPort}/{options.HttpPort}: {e.Message.TrimEnd('.')}. Stop the other process or choose ports with --otlp-grpc-port, --otlp-http-port and --http-port.");
            return 2;
        }
        var sharedControlPlane = controlPlaneStore is PostgresControlPlaneStore shared ? $"; control plane in {shared.Location}" : "";
        await output.WriteLineAsync($"ollystack serving: OTLP/gRPC {options.Listen}:{options.OtlpGrpcPort}, OTLP/HTTP and remote write {options.Listen}:{options.OtlpHttpPort}, API {options.Listen}:{options.HttpPort}; data in {Path.GetFullPath(options.DataDir)}{sharedControlPlane}");
        using var stopping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var warmup = metrics is not null && options.QueryWarmup ? WarmUpQueriesAsync(options.DataDir, output, stopping.Token) : Task.CompletedTask;
        await app.WaitForShutdownAsync(cancellationToken);
        await stopping.CancelAsync();
        await warmup;
        await app.DisposeAsync();
        return 0;
    }

    /// <summary>The warm-up's throwaway store, under the data folder so it is on a disk the server may write.</summary>
    private const string WarmupFolder = "query-warmup";

    /// <summary>
    /// Runs <see cref="QueryWarmup"/> on a thread of its own while the server already serves; a failure only costs
    /// the speed of the first queries, so it is reported and the server goes on.
    /// </summary>
    private static Task WarmUpQueriesAsync(string dataDir, TextWriter output, CancellationToken cancellationToken) =>
        Task.Factory.StartNew(() =>
        {
            try
            {
                var report = QueryWarmup.Run(Path.Combine(dataDir, WarmupFolder), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), cancellationToken);
                output.WriteLine($"query path warmed up: {report.Rounds} rounds, {report.Evaluations:N0} queries in {report.Elapsed.TotalSeconds:F1} s");
                // The throwaway store's heap would otherwise stay committed until a later full collection: about 27 MiB of an idle server.
                GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
            }
            catch (Exception e)
            {
                // Whatever went wrong (a full disk, a bug the synthetic data hit), the warm-up only ever buys speed.
                output.WriteLine($"warning: the query warm-up failed ({e.GetType().Name}: {e.Message}); queries work, but each panel's first loads run slower until .NET has compiled the query path");
            }
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    private static WebApplication Build(
        ServerOptions options, ApiAuthorizer authorizer, OidcCodeFlow? signOn, UsageMeter meter, WriteAheadLog log, SelfMetrics selfMetrics,
        MetricsStore? metrics, LogsStore? logs, TracesStore? traces, AlertingHost? alerting, Func<string?> problem)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(c => c.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
        // A failed start is reported by RunAsync in one line that says what to do; the host's stack trace adds nothing.
        builder.Logging.AddFilter("Microsoft.Extensions.Hosting.Internal.Host", LogLevel.None);
        var controlPlane = authorizer.ControlPlane;
        var quotas = new TenantQuotas(TimeProvider.System, meter.AdmittedBytes, meter.StoredBytes);
        builder.Services.AddSingleton<IIngestPipeline>(new IngestPipeline(controlPlane, controlPlane, controlPlane, log, quotas, meter, TimeProvider.System));
        builder.Services.AddIngest(new IngestOptions { MaxRequestBytes = options.MaxRequestBytes });
        builder.Services.AddRouting();
        builder.WebHost.ConfigureKestrel(kestrel => Listen(kestrel, options));
        var app = builder.Build();
        // About 8 bytes per cached step of a series (a value and a presence bit).
        var rangeCache = new RangeResultCache(options.QueryCacheBytes / 8, MetricsHead.SettledAge, TimeProvider.System);
        app.MapWhen(c => c.Connection.LocalPort == options.OtlpGrpcPort, grpc => grpc.UseRouting().UseEndpoints(e => e.MapIngestGrpc()));
        app.MapWhen(c => c.Connection.LocalPort == options.OtlpHttpPort, push => push.UseRouting().UseEndpoints(e => e.MapIngestHttp()));
        app.MapWhen(c => c.Connection.LocalPort == options.HttpPort, api => api.UseWebSockets().UseRouting().UseEndpoints(e =>
        {
            e.MapHealth(selfMetrics, problem);
            e.MapAdmin(authorizer);
            e.MapAuth(authorizer, signOn);
            e.MapUserAdmin(authorizer);
            e.MapRoleAdmin(authorizer);
            e.MapUsage(authorizer, meter);
            e.MapAudit(authorizer);
            if (logs is not null) new LokiApi(logs, TimeProvider.System, authorizer.For(Permissions.LogsRead)).Map(e);
            if (traces is not null) new JaegerApi(traces, metrics, authorizer.For(Permissions.TracesRead), TimeProvider.System).Map(e);
            alerting?.Map(e, authorizer);
            if (metrics is null) return;
            e.MapMetricsAdmin(authorizer, metrics);
            new PrometheusApi(metrics, new PromQLEngineOptions(), rangeCache, authorizer.For(Permissions.MetricsRead)).Map(e);
        }));
        return app;
    }

    private static void Listen(KestrelServerOptions kestrel, ServerOptions options)
    {
        kestrel.AddServerHeader = false;
        // The receivers enforce max_request_bytes themselves and answer 413. Kestrel's own cap sits above it so that,
        // after such an answer, it can still read and drop the rest of a modestly oversized body: a client that is
        // still sending then gets its 413 rather than a reset connection.
        kestrel.Limits.MaxRequestBodySize = 2 * options.MaxRequestBytes;
        kestrel.Limits.Http2.MaxStreamsPerConnection = 1000;
        var address = options.Listen == "localhost" ? IPAddress.Loopback : IPAddress.Parse(options.Listen);
        kestrel.Listen(address, options.OtlpGrpcPort, o => o.Protocols = HttpProtocols.Http2);
        // Without TLS there is no ALPN to offer HTTP/2 on a shared port; push and API clients speak HTTP/1.1.
        kestrel.Listen(address, options.OtlpHttpPort, o => o.Protocols = HttpProtocols.Http1);
        kestrel.Listen(address, options.HttpPort, o => o.Protocols = HttpProtocols.Http1);
    }

    /// <summary>Waits until the storage writers have applied what the log holds now.</summary>
    private static Func<CancellationToken, Task> CaughtUp(WriteAheadLog log, MetricsStorageWriter metrics, LogsStorageWriter? logs)
    {
        var metricsEnd = log.GetEndOffset(LogTopics.Metrics);
        var logsEnd = log.GetEndOffset(LogTopics.Logs);
        return cancellationToken => Task.WhenAll(
            metrics.WaitUntilAppliedAsync(metricsEnd, cancellationToken), logs?.WaitUntilAppliedAsync(logsEnd, cancellationToken) ?? Task.CompletedTask);
    }

    /// <summary>Why the server is not ready: a storage writer that stopped applying the log.</summary>
    private static string? Problem(MetricsStorageWriter? metrics, LogsStorageWriter? logs, TracesStorageWriter? traces) =>
        metrics?.Failure is { } metricsFailure ? $"the metrics storage writer stopped: {metricsFailure.Message}"
        : logs?.Failure is { } logsFailure ? $"the logs storage writer stopped: {logsFailure.Message}"
        : traces?.Failure is { } tracesFailure ? $"the traces storage writer stopped: {tracesFailure.Message}"
        : null;

    private static void ReportReplay(WriteAheadLog log, TextWriter output)
    {
        output.WriteLine(log.ReplayReport.ToString());
    }
}
