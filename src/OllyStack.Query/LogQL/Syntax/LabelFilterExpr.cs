using OllyStack.Storage.Index;

namespace OllyStack.Query.LogQL.Syntax;

/// <summary>A label filter: a comparison of one label, or comparisons joined by <c>and</c> (also <c>,</c> or a space) and <c>or</c>.</summary>
public abstract record LabelFilterExpr;

public sealed record AndLabelFilter(LabelFilterExpr Left, LabelFilterExpr Right) : LabelFilterExpr;

public sealed record OrLabelFilter(LabelFilterExpr Left, LabelFilterExpr Right) : LabelFilterExpr;

/// <summary><c>name="v"</c> (also <c>==</c>), <c>!=</c>, <c>=~</c>, <c>!~</c>: Prometheus matcher semantics, regexes anchored.</summary>
public sealed record StringLabelFilter(LabelMatcher Matcher) : LabelFilterExpr;

/// <summary><c>status &gt;= 500</c>: the label's value read as a number.</summary>
public sealed record NumberLabelFilter(string Name, ComparisonOp Op, double Value) : LabelFilterExpr;

/// <summary><c>latency &gt; 250ms</c>: the label's value read as a Go duration; <see cref="Text"/> is the literal as written.</summary>
public sealed record DurationLabelFilter(string Name, ComparisonOp Op, double Seconds, string Text) : LabelFilterExpr;

/// <summary><c>size &lt;= 20MB</c>: the label's value read as a size; <see cref="Text"/> is the literal as written.</summary>
public sealed record BytesLabelFilter(string Name, ComparisonOp Op, double Bytes, string Text) : LabelFilterExpr;
