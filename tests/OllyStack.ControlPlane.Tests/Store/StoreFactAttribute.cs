using OllyStack.Testing;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace OllyStack.ControlPlane.Tests.Store;

/// <summary>
/// A fact about a control-plane store. In a test class of <see cref="PostgresCollection"/> it is skipped at discovery
/// when the PostgreSQL server binaries are missing, unless CI=true, where it runs and fails saying what to install:
/// a CI run cannot pass by testing only SQLite.
/// </summary>
[XunitTestCaseDiscoverer("OllyStack.ControlPlane.Tests.Store.StoreFactDiscoverer", "OllyStack.ControlPlane.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class StoreFactAttribute : FactAttribute;

/// <summary>Discovers <see cref="StoreFactAttribute"/> facts: the skip depends on the concrete test class, which an attribute alone cannot see.</summary>
public sealed class StoreFactDiscoverer(IMessageSink diagnosticMessageSink) : FactDiscoverer(diagnosticMessageSink)
{
    public override IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        if (NeedsPostgres(testMethod) && SharedDatasets.SkipUnlessCi(PostgresServer.MissingReason) is { } skip)
        {
            return [new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, skip)];
        }
        return base.Discover(discoveryOptions, testMethod, factAttribute);
    }

    private static bool NeedsPostgres(ITestMethod testMethod) =>
        testMethod.TestClass.TestCollection.CollectionDefinition?.Name == typeof(PostgresCollection).FullName;
}
