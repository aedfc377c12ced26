using System.Runtime.CompilerServices;

namespace OllyStack.Query.PromQL;

/// <summary>
/// Checks a parsed tree as Prometheus' type check does: operand and argument types, function arity, what bool,
/// on/ignoring and group_left/right may apply to, and that a selector cannot select every series. Children are
/// checked before their parent, left to right, so the first error reported is the first Prometheus reports.
/// </summary>
internal sealed class TypeChecker
{
    private readonly string query;
    private readonly SourceMap map;

    private TypeChecker(string query, SourceMap map)
    {
        this.query = query;
        this.map = map;
    }

    public static void Check(Expr expr, string query, SourceMap map) => new TypeChecker(query, map).Visit(expr);

    private ExprType Visit(Expr expr)
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw Error(map.SpanOf(expr), "expression is nested too deeply for the thread's stack");
        switch (expr)
        {
            case AggregateExpr aggregate: CheckAggregate(aggregate); break;
            case BinaryExpr binary: CheckBinary(binary); break;
            case Call call: CheckCall(call); break;
            case ParenExpr paren: Visit(paren.Expr); break;
            case UnaryExpr unary: CheckUnary(unary); break;
            case SubqueryExpr subquery: CheckSubquery(subquery); break;
            case MatrixSelector matrix: CheckSelector(matrix.Selector); break;
            case VectorSelector selector: CheckSelector(selector); break;
        }
        return expr.Type;
    }

    private void ExpectType(Expr expr, ExprType wanted, string context)
    {
        var actual = Visit(expr);
        if (actual != wanted) throw Error(map.SpanOf(expr), $"expected type {wanted.Describe()} in {context}, got {actual.Describe()}");
    }

    private void CheckAggregate(AggregateExpr aggregate)
    {
        ExpectType(aggregate.Expr, ExprType.InstantVector, "aggregation expression");
        if (aggregate.Op.ParameterType() is { } parameterType) ExpectType(aggregate.Param!, parameterType, "aggregation parameter");
    }

    private void CheckBinary(BinaryExpr binary)
    {
        var lhs = Visit(binary.Lhs);
        var rhs = Visit(binary.Rhs);
        var op = binary.Op;
        var operatorSpan = map.OperatorOf(binary);
        var span = map.SpanOf(binary);

        if (binary.ReturnBool && !op.IsComparison()) throw Error(operatorSpan, "bool modifier can only be used on comparison operators");
        if (op.IsComparison() && !binary.ReturnBool && lhs == ExprType.Scalar && rhs == ExprType.Scalar)
            throw Error(operatorSpan, "comparisons between scalars must use BOOL modifier");
        if (binary.Matching is { On: true } on && on.MatchingLabels.FirstOrDefault(on.Include.Contains) is { } both)
            throw Error(operatorSpan, $"label {StringQuoting.Quote(both)} must not occur in ON and GROUP clause at once");
        if (lhs is not (ExprType.Scalar or ExprType.InstantVector))
            throw Error(map.SpanOf(binary.Lhs), "binary expression must contain only scalar and instant vector types");
        if (rhs is not (ExprType.Scalar or ExprType.InstantVector))
            throw Error(map.SpanOf(binary.Rhs), "binary expression must contain only scalar and instant vector types");

        var bothVectors = lhs == ExprType.InstantVector && rhs == ExprType.InstantVector;
        if (!bothVectors && binary.Matching is not null) throw Error(span, "vector matching only allowed between instant vectors");
        if (op.IsSetOperator() && binary.Matching?.Cardinality is MatchingCardinality.ManyToOne or MatchingCardinality.OneToMany)
            throw Error(span, $"no grouping allowed for {StringQuoting.Quote(op.Symbol())} operation");
        if (op.IsSetOperator() && !bothVectors)
            throw Error(span, $"set operator {StringQuoting.Quote(op.Symbol())} not allowed in binary scalar expression");
    }

    private void CheckCall(Call call)
    {
        var function = call.Function;
        var count = call.Args.Count;
        var name = StringQuoting.Quote(function.Name);
        if (function.RequiredCount == function.MaxCount && count != function.RequiredCount)
            throw Error(map.SpanOf(call), $"expected {function.RequiredCount} argument(s) in call to {name}, got {count}");
        if (count < function.RequiredCount)
            throw Error(map.SpanOf(call), $"expected at least {function.RequiredCount} argument(s) in call to {name}, got {count}");
        if (count > function.MaxCount)
            throw Error(map.SpanOf(call), $"expected at most {function.MaxCount} argument(s) in call to {name}, got {count}");
        for (var i = 0; i < count; i++) ExpectType(call.Args[i], function.ParameterType(i), $"call to function {name}");
    }

    private void CheckUnary(UnaryExpr unary)
    {
        var type = Visit(unary.Expr);
        if (type is not (ExprType.Scalar or ExprType.InstantVector))
            throw Error(map.SpanOf(unary), $"unary expression only allowed on expressions of type scalar or instant vector, got {StringQuoting.Quote(type.Describe())}");
    }

    private void CheckSubquery(SubqueryExpr subquery)
    {
        var type = Visit(subquery.Expr);
        if (type != ExprType.InstantVector)
            throw Error(map.SpanOf(subquery), $"subquery is only allowed on instant vector, got {type.Describe()}");
    }

    /// <summary>A selector needs a metric name or a matcher that rejects the empty value, so it cannot select everything by accident.</summary>
    private void CheckSelector(VectorSelector selector)
    {
        if (selector.MetricName is not null)
        {
            if (selector.Matchers.FirstOrDefault(m => m.Name == LabelMatcher.MetricNameLabel) is { } second)
                throw Error(map.SpanOf(selector), $"metric name must not be set twice: {StringQuoting.Quote(selector.MetricName)} or {StringQuoting.Quote(second.Value)}");
            return;
        }
        if (selector.Matchers.All(MatchesEmptyValue))
            throw Error(map.SpanOf(selector), "vector selector must contain at least one non-empty matcher");
    }

    private static bool MatchesEmptyValue(LabelMatcher matcher) => matcher.Type switch
    {
        LabelMatchType.Equal => matcher.Value.Length == 0,
        LabelMatchType.NotEqual => matcher.Value.Length != 0,
        LabelMatchType.Regex => LabelRegex.Anchored(matcher.Value).IsMatch(""),
        _ => !LabelRegex.Anchored(matcher.Value).IsMatch(""),
    };

    private PromQLParseException Error(SourceSpan span, string reason) => new(query, span.Start, span.Length, reason);
}
