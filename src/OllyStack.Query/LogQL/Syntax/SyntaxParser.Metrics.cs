using OllyStack.Query.LogQL.Pipeline;
using OllyStack.Query.PromQL;

namespace OllyStack.Query.LogQL.Syntax;

internal sealed partial class SyntaxParser
{
    /// <summary>Precedence climbing: operators binding at least as tightly as <paramref name="minPrecedence"/>.</summary>
    private LogQLExpr ParseExpression(int minPrecedence)
    {
        EnterNesting();
        var start = Current.Start;
        var left = ParseUnary();
        while (BinaryOperatorAt(Current) is { } op && op.Precedence() >= minPrecedence)
        {
            var opToken = Advance();
            var lhs = AsMetric(left, start, opToken);
            var returnBool = AcceptWord("bool");
            if (returnBool && !op.IsComparison()) throw Error(previousEnd - 4, 4, "bool modifier can only be used on comparison operators");
            var matching = ParseVectorMatching();
            if (Current.IsWord("group_left") || Current.IsWord("group_right")) throw Error(Current, "group_left and group_right are not supported");
            var rightStart = Current.Start;
            var right = ParseExpression(op.IsRightAssociative() ? op.Precedence() : op.Precedence() + 1);
            var rhs = AsMetric(right, rightStart, opToken);
            CheckOperands(op, lhs, rhs, returnBool, opToken);
            left = new BinaryOpExpr(op, lhs, rhs, returnBool, matching);
        }
        ExitNesting();
        return left;
    }

    private static BinaryOperator? BinaryOperatorAt(Token token) => token.Kind switch
    {
        TokenKind.Plus => BinaryOperator.Add,
        TokenKind.Minus => BinaryOperator.Subtract,
        TokenKind.Star => BinaryOperator.Multiply,
        TokenKind.Slash => BinaryOperator.Divide,
        TokenKind.Percent => BinaryOperator.Modulo,
        TokenKind.Caret => BinaryOperator.Power,
        TokenKind.EqualEqual => BinaryOperator.Equal,
        TokenKind.NotEqual => BinaryOperator.NotEqual,
        TokenKind.Greater => BinaryOperator.Greater,
        TokenKind.GreaterOrEqual => BinaryOperator.GreaterOrEqual,
        TokenKind.Less => BinaryOperator.Less,
        TokenKind.LessOrEqual => BinaryOperator.LessOrEqual,
        TokenKind.Identifier when token.Text == "or" => BinaryOperator.Or,
        TokenKind.Identifier when token.Text == "and" => BinaryOperator.And,
        TokenKind.Identifier when token.Text == "unless" => BinaryOperator.Unless,
        _ => null,
    };

    private MetricExpr AsMetric(LogQLExpr expr, int start, Token op) => expr as MetricExpr
        ?? throw Error(start, op.Start - start > 0 ? op.Start - start : previousEnd - start, $"a log query cannot be an operand of {StringQuoting.Quote(op.Text)}; use a metric query");

    private void CheckOperands(BinaryOperator op, MetricExpr left, MetricExpr right, bool returnBool, Token opToken)
    {
        var scalars = left is LiteralExpr && right is LiteralExpr;
        if (op.IsSetOperator() && (left is LiteralExpr || right is LiteralExpr))
            throw Error(opToken, $"set operator {StringQuoting.Quote(op.Symbol())} not allowed in binary scalar expression");
        if (op.IsComparison() && scalars && !returnBool) throw Error(opToken, "comparisons between scalars must use BOOL modifier");
    }

    private VectorMatching? ParseVectorMatching()
    {
        if (!Current.IsWord("on") && !Current.IsWord("ignoring")) return null;
        var on = Advance().Text == "on";
        return new VectorMatching(on, ParseLabelList(on ? "on" : "ignoring"));
    }

    /// <summary>
    /// A primary expression with optional signs. As in PromQL a sign binds looser than <c>^</c>; <c>-x</c> of a metric
    /// query is read as <c>-1 * x</c>, since LogQL's tree has no unary node.
    /// </summary>
    private LogQLExpr ParseUnary()
    {
        if (Current.Kind is not (TokenKind.Minus or TokenKind.Plus)) return ParsePrimary();
        var sign = Advance();
        var operandStart = Current.Start;
        var operand = ParseExpression(BinaryOperator.Power.Precedence());
        if (sign.Kind == TokenKind.Plus) return operand;
        return operand switch
        {
            LiteralExpr literal => new LiteralExpr(-literal.Value),
            MetricExpr metric => new BinaryOpExpr(BinaryOperator.Multiply, new LiteralExpr(-1), metric, false, null),
            _ => throw Error(operandStart, previousEnd - operandStart, "a log query cannot be negated"),
        };
    }

    private LogQLExpr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.LeftBrace:
                return ParseLogQuery();
            case TokenKind.LeftParen:
                Advance();
                var inner = ParseExpression(0);
                Expect(TokenKind.RightParen, "parenthesized expression", "\")\"");
                return inner;
            case TokenKind.Number:
                return new LiteralExpr(ParseNumberToken(Advance()));
            case TokenKind.Identifier when RangeOps.TryParse(token.Text, out var rangeOp):
                return ParseRangeAggregation(rangeOp);
            case TokenKind.Identifier when VectorOps.TryParse(token.Text, out var vectorOp):
                return ParseVectorAggregation(vectorOp);
            case TokenKind.Identifier when token.Text == "vector":
                return ParseVector();
            case TokenKind.Identifier when token.Text == "label_replace":
                return ParseLabelReplace();
            default:
                throw Unexpected(null, "a stream selector, a number, a range or vector aggregation, vector() or label_replace()");
        }
    }

    private RangeAggregationExpr ParseRangeAggregation(RangeOp op)
    {
        var name = Advance();
        Expect(TokenKind.LeftParen, name.Text, "\"(\"");
        double? parameter = null;
        if (op == RangeOp.QuantileOverTime)
        {
            parameter = ParseNumberToken(Expect(TokenKind.Number, name.Text, "the quantile, a number"));
            Expect(TokenKind.Comma, name.Text, "\",\"");
        }
        var range = ParseLogRange();
        Expect(TokenKind.RightParen, name.Text, "\")\"");
        var groupingToken = Current;
        var grouping = ParseGrouping();
        if (range.Unwrap is not null && !op.AllowsUnwrap()) throw Error(name, $"invalid aggregation {name.Text} with unwrap");
        if (range.Unwrap is null && op.RequiresUnwrap()) throw Error(name, $"invalid aggregation {name.Text} without unwrap");
        if (grouping is not null && !op.AllowsGrouping()) throw Error(groupingToken, $"grouping not allowed for {name.Text} aggregation");
        return new RangeAggregationExpr(op, range, parameter, grouping);
    }

    /// <summary><c>op [by|without (...)] ([k,] expr) [by|without (...)]</c>.</summary>
    private VectorAggregationExpr ParseVectorAggregation(VectorOp op)
    {
        var name = Advance();
        var grouping = ParseGrouping();
        Expect(TokenKind.LeftParen, name.Text, "\"(\"");
        double? parameter = null;
        if (op.TakesParameter())
        {
            var k = Expect(TokenKind.Number, name.Text, "k, a number");
            parameter = ParseNumberToken(k);
            if (parameter != Math.Floor(parameter.Value) || parameter < 1) throw Error(k, $"invalid parameter for {name.Text}: k must be a positive integer, got {k.Text}");
            Expect(TokenKind.Comma, name.Text, "\",\"");
        }
        var innerStart = Current.Start;
        var inner = ParseExpression(0);
        if (inner is not MetricExpr metric) throw Error(innerStart, previousEnd - innerStart, $"{name.Text} needs a metric query, for example {name.Text}(count_over_time({{...}}[5m])), not a log query");
        Expect(TokenKind.RightParen, name.Text, "\")\"");
        if (ParseGrouping() is { } after)
        {
            if (grouping is not null) throw Error(name, "grouping may be written before or after the parentheses, not both");
            grouping = after;
        }
        return new VectorAggregationExpr(op, metric, grouping, parameter);
    }

    private Grouping? ParseGrouping()
    {
        if (!Current.IsWord("by") && !Current.IsWord("without")) return null;
        var without = Advance().Text == "without";
        return new Grouping(without, ParseLabelList(without ? "without" : "by"));
    }

    /// <summary><c>(a, b)</c>; may be empty.</summary>
    private List<string> ParseLabelList(string context)
    {
        Expect(TokenKind.LeftParen, context, "\"(\"");
        var labels = new List<string>();
        while (Current.Kind == TokenKind.Identifier)
        {
            labels.Add(Advance().Text);
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RightParen, context, "label name or \")\"");
        return labels;
    }

    private VectorExpr ParseVector()
    {
        Advance();
        Expect(TokenKind.LeftParen, "vector", "\"(\"");
        var negative = Accept(TokenKind.Minus);
        var value = ParseNumberToken(Expect(TokenKind.Number, "vector", "a number"));
        Expect(TokenKind.RightParen, "vector", "\")\"");
        return new VectorExpr(negative ? -value : value);
    }

    private LabelReplaceExpr ParseLabelReplace()
    {
        Advance();
        Expect(TokenKind.LeftParen, "label_replace", "\"(\"");
        var innerStart = Current.Start;
        if (ParseExpression(0) is not MetricExpr inner) throw Error(innerStart, previousEnd - innerStart, "label_replace needs a metric query, not a log query");
        var arguments = new string[4];
        for (var i = 0; i < arguments.Length; i++)
        {
            Expect(TokenKind.Comma, "label_replace", "\",\"");
            var argument = Expect(TokenKind.String, "label_replace", "string");
            if (i == 0 && !IsLabelName(argument.Value)) throw Error(argument, $"invalid destination label name in label_replace(): {argument.Value}");
            if (i == 3) Validate(argument, text => GoRegex.Anchored(text), "regular expression");
            arguments[i] = argument.Value;
        }
        Expect(TokenKind.RightParen, "label_replace", "\")\"");
        return new LabelReplaceExpr(inner, arguments[0], arguments[1], arguments[2], arguments[3]);
    }

    private static bool IsLabelName(string name) =>
        name.Length > 0 && (char.IsAsciiLetter(name[0]) || name[0] == '_') && name.All(c => char.IsAsciiLetterOrDigit(c) || c == '_');
}
