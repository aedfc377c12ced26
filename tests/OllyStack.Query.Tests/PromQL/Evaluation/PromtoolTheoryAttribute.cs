using OllyStack.Testing;

namespace OllyStack.Query.Tests.PromQL.Evaluation;

/// <summary>
/// A theory that needs Prometheus' <c>promtool</c> (Debian package <c>prometheus</c>, installed by
/// scripts/install-test-deps.sh). Skipped at discovery when it is missing, unless CI=true, where it runs and fails.
/// </summary>
public sealed class PromtoolTheoryAttribute : TheoryAttribute
{
    public PromtoolTheoryAttribute() => Skip = SharedDatasets.SkipUnlessCi(Promtool.Path is null ? "promtool not found on PATH" : null);
}
