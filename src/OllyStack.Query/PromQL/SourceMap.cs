namespace OllyStack.Query.PromQL;

/// <summary>Where a node was written in the query: a half-open range of character offsets.</summary>
internal readonly record struct SourceSpan(int Start, int End)
{
    public int Length => End - Start;
}

/// <summary>
/// The source span and depth of every node the parser built, kept beside the tree rather than in it so that
/// nodes compare by value alone. Keyed by reference: equal subtrees written twice have two spans.
/// </summary>
internal sealed class SourceMap
{
    private readonly Dictionary<Expr, (SourceSpan Span, int Depth)> nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<BinaryExpr, SourceSpan> operators = new(ReferenceEqualityComparer.Instance);

    public void Add(Expr node, SourceSpan span, int depth) => nodes[node] = (span, depth);

    public void AddOperator(BinaryExpr node, SourceSpan span) => operators[node] = span;

    public SourceSpan SpanOf(Expr node) => nodes[node].Span;

    /// <summary>The height of the node's subtree: 1 for a leaf.</summary>
    public int DepthOf(Expr node) => nodes[node].Depth;

    /// <summary>The span of a binary expression's operator and modifiers, where Prometheus reports operator errors.</summary>
    public SourceSpan OperatorOf(BinaryExpr node) => operators[node];
}
