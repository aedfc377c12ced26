namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// A node of a rule expression compiled for the stream: evaluated at ascending times from running window state kept
/// per series, instead of re-reading samples. Scalar-valued or vector-valued, as its PromQL expression is.
/// </summary>
internal abstract class IncrementalExpr;
