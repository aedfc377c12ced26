using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace OllyStack.Query.PromQL;

/// <summary>
/// Prints a tree as canonical PromQL in Prometheus' style (<c>sum by (job) (rate(x[5m]))</c>,
/// <c>a / on (job) group_left () b</c>). A parsed tree prints back to text that parses to an equal tree: the
/// parser keeps parentheses as <see cref="ParenExpr"/>. For trees built by hand, parentheses are added where
/// precedence would otherwise change the meaning.
/// </summary>
internal static class PromQLPrinter
{
    public static string Print(Expr expr)
    {
        var text = new StringBuilder();
        Write(text, expr);
        return text.ToString();
    }

    public static string Print(LabelMatcher matcher) => matcher.Name + matcher.Type switch
    {
        LabelMatchType.Equal => "=",
        LabelMatchType.NotEqual => "!=",
        LabelMatchType.Regex => "=~",
        _ => "!~",
    } + StringQuoting.Quote(matcher.Value);

    /// <summary>Recursive; a tree too deep for the thread's stack gets an InsufficientExecutionStackException, not a crash.</summary>
    private static void Write(StringBuilder text, Expr expr)
    {
        RuntimeHelpers.EnsureSufficientExecutionStack();
        switch (expr)
        {
            case NumberLiteral number:
                text.Append(NumberFormat.Format(number.Value));
                break;
            case StringLiteral literal:
                text.Append(StringQuoting.Quote(literal.Value));
                break;
            case VectorSelector selector:
                WriteSelector(text, selector);
                WriteTimeModifiers(text, selector.At, selector.Offset);
                break;
            case MatrixSelector matrix:
                WriteSelector(text, matrix.Selector);
                text.Append('[').Append(DurationFormat.Format(matrix.Range)).Append(']');
                WriteTimeModifiers(text, matrix.Selector.At, matrix.Selector.Offset);
                break;
            case SubqueryExpr subquery:
                WriteSubquery(text, subquery);
                break;
            case ParenExpr paren:
                text.Append('(');
                Write(text, paren.Expr);
                text.Append(')');
                break;
            case UnaryExpr unary:
                text.Append(unary.Op == UnaryOp.Minus ? '-' : '+');
                WriteOperand(text, unary.Expr, parenthesize: unary.Expr is BinaryExpr { Op: not BinaryOp.Pow });
                break;
            case BinaryExpr binary:
                WriteBinary(text, binary);
                break;
            case AggregateExpr aggregate:
                WriteAggregate(text, aggregate);
                break;
            case Call call:
                text.Append(call.Function.Name).Append('(');
                WriteList(text, call.Args);
                text.Append(')');
                break;
            default:
                throw new ArgumentException($"unknown node type {expr.GetType().Name}", nameof(expr));
        }
    }

    /// <summary><c>name{matchers}</c>; a name that would not read back as a metric name is written as a <c>__name__</c> matcher.</summary>
    private static void WriteSelector(StringBuilder text, VectorSelector selector)
    {
        IEnumerable<LabelMatcher> matchers = selector.Matchers;
        if (selector.MetricName is { } name && IsPlainMetricName(name)) text.Append(name);
        else if (selector.MetricName is not null) matchers = selector.SeriesMatchers();
        if (selector.MetricName is not null && !matchers.Any()) return;
        text.Append('{').AppendJoin(',', matchers.Select(Print)).Append('}');
    }

    private static void WriteTimeModifiers(StringBuilder text, AtModifier? at, TimeSpan offset)
    {
        switch (at?.Kind)
        {
            case AtModifierKind.Start: text.Append(" @ start()"); break;
            case AtModifierKind.End: text.Append(" @ end()"); break;
            case AtModifierKind.Timestamp: text.Append(" @ ").Append((at.TimestampMilliseconds / 1000m).ToString(CultureInfo.InvariantCulture)); break;
        }
        if (offset != TimeSpan.Zero) text.Append(" offset ").Append(DurationFormat.Format(offset));
    }

    private static void WriteSubquery(StringBuilder text, SubqueryExpr subquery)
    {
        WriteOperand(text, subquery.Expr, parenthesize: subquery.Expr is BinaryExpr or UnaryExpr || IsNegativeNumber(subquery.Expr));
        text.Append('[').Append(DurationFormat.Format(subquery.Range)).Append(':');
        if (subquery.Step is { } step) text.Append(DurationFormat.Format(step));
        text.Append(']');
        WriteTimeModifiers(text, subquery.At, subquery.Offset);
    }

    private static void WriteBinary(StringBuilder text, BinaryExpr binary)
    {
        WriteOperand(text, binary.Lhs, NeedsParentheses(binary.Lhs, binary.Op, isLeft: true));
        text.Append(' ').Append(binary.Op.Symbol());
        if (binary.ReturnBool) text.Append(" bool");
        if (binary.Matching is { } matching && (matching.On || matching.MatchingLabels.Count > 0 || IsGrouping(matching.Cardinality)))
        {
            text.Append(matching.On ? " on (" : " ignoring (").AppendJoin(", ", matching.MatchingLabels).Append(')');
            // The parentheses after group_x are always written: without them a parenthesised right operand would be read as the label list.
            if (IsGrouping(matching.Cardinality))
                text.Append(matching.Cardinality == MatchingCardinality.ManyToOne ? " group_left (" : " group_right (")
                    .AppendJoin(", ", matching.Include).Append(')');
        }
        text.Append(' ');
        WriteOperand(text, binary.Rhs, NeedsParentheses(binary.Rhs, binary.Op, isLeft: false));
    }

    private static void WriteAggregate(StringBuilder text, AggregateExpr aggregate)
    {
        text.Append(aggregate.Op.Name());
        if (aggregate.Without || aggregate.Grouping.Count > 0)
            text.Append(aggregate.Without ? " without (" : " by (").AppendJoin(", ", aggregate.Grouping).Append(") ");
        text.Append('(');
        if (aggregate.Param is not null)
        {
            Write(text, aggregate.Param);
            text.Append(", ");
        }
        Write(text, aggregate.Expr);
        text.Append(')');
    }

    private static void WriteList(StringBuilder text, IReadOnlyList<Expr> items)
    {
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0) text.Append(", ");
            Write(text, items[i]);
        }
    }

    private static void WriteOperand(StringBuilder text, Expr operand, bool parenthesize)
    {
        if (parenthesize) text.Append('(');
        Write(text, operand);
        if (parenthesize) text.Append(')');
    }

    /// <summary>
    /// Whether an operand must be wrapped to keep its place: a looser-binding binary expression, an equal one on the
    /// side its operator does not group towards, or a signed operand on the left of <c>^</c> (which binds tighter than the sign).
    /// </summary>
    private static bool NeedsParentheses(Expr operand, BinaryOp parent, bool isLeft)
    {
        if (operand is BinaryExpr child)
        {
            var (childPrecedence, parentPrecedence) = (child.Op.Precedence(), parent.Precedence());
            return childPrecedence < parentPrecedence
                || (childPrecedence == parentPrecedence && isLeft == parent.IsRightAssociative());
        }
        return isLeft && parent == BinaryOp.Pow && (operand is UnaryExpr || IsNegativeNumber(operand));
    }

    private static bool IsNegativeNumber(Expr expr) => expr is NumberLiteral number && NumberFormat.Format(number.Value).StartsWith('-');

    private static bool IsGrouping(MatchingCardinality cardinality) =>
        cardinality is MatchingCardinality.ManyToOne or MatchingCardinality.OneToMany;

    /// <summary>Whether the name lexes back as a metric name where an expression starts.</summary>
    private static bool IsPlainMetricName(string name)
    {
        if (name.Length == 0 || char.IsAsciiDigit(name[0]) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':')) return false;
        if (name.Contains(':')) return true;
        var kind = Keywords.Classify(name);
        return kind == TokenKind.Identifier || Keywords.CanNameMetric(kind);
    }
}
