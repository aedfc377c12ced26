namespace OllyStack.Query.PromQL.Caching;

/// <summary>
/// What makes two range queries' steps interchangeable: the tenant, the canonical query text, the step and where
/// the steps fall within it (start modulo step), so the cached steps are the very steps asked for.
/// </summary>
internal readonly record struct RangeCacheKey(string Tenant, string Query, long StepMs, long PhaseMs);
