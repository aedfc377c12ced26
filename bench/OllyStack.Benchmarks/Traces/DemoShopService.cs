using OllyStack.Ingest.Otlp.Common;
using OllyStack.Ingest.Otlp.Resource;

namespace OllyStack.Benchmarks.Traces;

/// <summary>
/// One service of the simulated shop: where it listens, the instrumentation scopes its SDK reports, and its
/// instances, each with the resource a Kubernetes deployment of an OpenTelemetry SDK reports (14 attributes).
/// </summary>
public sealed class DemoShopService
{
    private DemoShopService(string name, int port, bool goGrpcEvents, InstrumentationScope serverScope, InstrumentationScope clientScope, ServiceInstance[] instances)
    {
        Name = name;
        Port = port;
        GoGrpcEvents = goGrpcEvents;
        ServerScope = serverScope;
        ClientScope = clientScope;
        Instances = instances;
    }

    public string Name { get; }

    public int Port { get; }

    /// <summary>Whether its gRPC spans carry the message events (RECEIVED, SENT) Go's otelgrpc instrumentation adds.</summary>
    public bool GoGrpcEvents { get; }

    public InstrumentationScope ServerScope { get; }

    public InstrumentationScope ClientScope { get; }

    public IReadOnlyList<ServiceInstance> Instances { get; }

    public ServiceInstance Pick(Random random) => Instances[random.Next(Instances.Count)];

    /// <param name="serverScope">The instrumentation library of its incoming calls; <paramref name="clientScope"/> that of its outgoing ones.</param>
    public static DemoShopService Create(Random random, string name, int port, string language, string runtime, string sdkVersion,
        (string Name, string Version) serverScope, (string Name, string Version) clientScope, int instances = 2)
    {
        var deployment = name;
        var list = new ServiceInstance[instances];
        for (var i = 0; i < instances; i++)
        {
            var pod = $"{deployment}-{RandomText.Hex(random, 10)}-{RandomText.Hex(random, 5)}";
            list[i] = new ServiceInstance(new Resource
            {
                Attributes =
                {
                    OtlpAttribute.Of("service.name", name), OtlpAttribute.Of("service.namespace", "opentelemetry-demo"),
                    OtlpAttribute.Of("service.version", "2.0.2"), OtlpAttribute.Of("service.instance.id", RandomText.Uuid(random)),
                    OtlpAttribute.Of("host.name", pod), OtlpAttribute.Of("os.type", "linux"), OtlpAttribute.Of("process.runtime.name", runtime),
                    OtlpAttribute.Of("k8s.namespace.name", "otel-demo"), OtlpAttribute.Of("k8s.pod.name", pod),
                    OtlpAttribute.Of("k8s.deployment.name", deployment), OtlpAttribute.Of("k8s.node.name", $"worker-{random.Next(6)}"),
                    OtlpAttribute.Of("telemetry.sdk.name", "opentelemetry"), OtlpAttribute.Of("telemetry.sdk.language", language),
                    OtlpAttribute.Of("telemetry.sdk.version", sdkVersion),
                },
            }, $"10.42.{random.Next(250)}.{random.Next(2, 252)}");
        }
        return new DemoShopService(name, port, language == "go",
            new InstrumentationScope { Name = serverScope.Name, Version = serverScope.Version },
            new InstrumentationScope { Name = clientScope.Name, Version = clientScope.Version }, list);
    }
}
