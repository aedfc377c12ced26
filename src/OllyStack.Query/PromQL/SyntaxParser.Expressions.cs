namespace OllyStack.Query.PromQL;

internal sealed partial class SyntaxParser
{
    private readonly record struct BinaryModifiers(
        bool ReturnBool,
        bool On,
        ValueList<string> MatchingLabels,
        MatchingCardinality? Group,
        ValueList<string> Include);

    /// <summary>Parses operands joined by binary operators of at least <paramref name="minPrecedence"/>.</summary>
    private Expr ParseExpression(int minPrecedence)
    {
        EnterNesting();
        var lhs = ParseUnary();
        while (BinaryOpOf(Current.Kind) is { } op && op.Precedence() >= minPrecedence)
        {
            var operatorStart = Current.Start;
            Advance();
            var modifiers = ParseBinaryModifiers();
            var operatorSpan = new SourceSpan(operatorStart, previousEnd);
            var rhs = ParseExpression(op.IsRightAssociative() ? op.Precedence() : op.Precedence() + 1);
            lhs = MakeBinary(op, lhs, rhs, modifiers, operatorSpan);
        }
        ExitNesting();
        return lhs;
    }

    /// <summary>
    /// A unary sign binds looser than <c>^</c> and tighter than everything else: <c>-2 ^ 2</c> is <c>-(2 ^ 2)</c>,
    /// <c>-a * b</c> is <c>(-a) * b</c>. A sign before a number literal is folded into the literal.
    /// </summary>
    private Expr ParseUnary()
    {
        if (Current.Kind is not (TokenKind.Plus or TokenKind.Minus)) return ParsePostfix(ParsePrimary());
        var sign = Advance();
        var operand = ParseExpression(BinaryOperators.UnaryPrecedence + 1);
        var minus = sign.Kind == TokenKind.Minus;
        if (operand is NumberLiteral number) return Node(new NumberLiteral(minus ? -number.Value : number.Value), sign.Start);
        return Node(new UnaryExpr(minus ? UnaryOp.Minus : UnaryOp.Plus, operand), sign.Start, operand);
    }

    private Expr ParsePrimary()
    {
        var token = Current;
        switch (token.Kind)
        {
            case TokenKind.Number:
                var value = ParseNumber(token);
                Advance();
                return Node(new NumberLiteral(value), token.Start);
            case TokenKind.String:
                Advance();
                return Node(new StringLiteral(token.Value), token.Start);
            case TokenKind.LeftParen:
                return ParseParen();
            case TokenKind.LeftBrace:
                return ParseVectorSelector(null);
            case TokenKind.Identifier when Next.Kind == TokenKind.LeftParen:
                return ParseCall();
            case TokenKind.Aggregator when Next.Kind is TokenKind.LeftParen or TokenKind.By or TokenKind.Without:
                return ParseAggregation();
            case TokenKind.Identifier or TokenKind.MetricIdentifier:
            case var kind when Keywords.CanNameMetric(kind):
                return ParseVectorSelector(Advance());
            default:
                throw Unexpected(null, "an expression");
        }
    }

    private ParenExpr ParseParen()
    {
        var open = Advance();
        var inner = ParseExpression(0);
        Expect(TokenKind.RightParen, null, "\")\"");
        return Node(new ParenExpr(inner), open.Start, inner);
    }

    /// <summary><c>[bool] [on|ignoring (labels) [group_left|group_right [(labels)]]]</c>, in that order.</summary>
    private BinaryModifiers ParseBinaryModifiers()
    {
        var returnBool = Accept(TokenKind.Bool);
        if (Current.Kind is not (TokenKind.On or TokenKind.Ignoring)) return new BinaryModifiers(returnBool, false, [], null, []);

        var on = Advance().Kind == TokenKind.On;
        var matchingLabels = ParseLabelList(on ? "on labels" : "ignoring labels");
        MatchingCardinality? group = Current.Kind switch
        {
            TokenKind.GroupLeft => MatchingCardinality.ManyToOne,
            TokenKind.GroupRight => MatchingCardinality.OneToMany,
            _ => null,
        };
        var include = ValueList<string>.Empty;
        if (group is not null)
        {
            var keyword = Advance();
            if (Current.Kind == TokenKind.LeftParen) include = ParseLabelList(keyword.Text + " labels");
        }
        return new BinaryModifiers(returnBool, on, matchingLabels, group, include);
    }

    /// <summary>
    /// Vector matching is kept when both sides are instant vectors, dropped when a scalar is involved (as Prometheus
    /// does), unless labels were named, which the type checker then reports.
    /// </summary>
    private BinaryExpr MakeBinary(BinaryOp op, Expr lhs, Expr rhs, BinaryModifiers modifiers, SourceSpan operatorSpan)
    {
        var bothVectors = lhs.Type == ExprType.InstantVector && rhs.Type == ExprType.InstantVector;
        var matching = bothVectors || modifiers.MatchingLabels.Count > 0
            ? new VectorMatching(modifiers.Group ?? VectorMatching.Default(op).Cardinality, modifiers.MatchingLabels, modifiers.On, modifiers.Include)
            : null;
        var node = Node(new BinaryExpr(op, lhs, rhs, modifiers.ReturnBool, matching), map.SpanOf(lhs).Start, lhs, rhs);
        map.AddOperator(node, operatorSpan);
        return node;
    }

    private double ParseNumber(Token token) =>
        NumberFormat.TryParse(token.Text, out var value, out var error) ? value : throw Error(token, error);

    private static BinaryOp? BinaryOpOf(TokenKind kind) => kind switch
    {
        TokenKind.Plus => BinaryOp.Add,
        TokenKind.Minus => BinaryOp.Sub,
        TokenKind.Star => BinaryOp.Mul,
        TokenKind.Slash => BinaryOp.Div,
        TokenKind.Percent => BinaryOp.Mod,
        TokenKind.Caret => BinaryOp.Pow,
        TokenKind.Atan2 => BinaryOp.Atan2,
        TokenKind.EqualEqual => BinaryOp.Equal,
        TokenKind.NotEqual => BinaryOp.NotEqual,
        TokenKind.Greater => BinaryOp.Greater,
        TokenKind.Less => BinaryOp.Less,
        TokenKind.GreaterOrEqual => BinaryOp.GreaterOrEqual,
        TokenKind.LessOrEqual => BinaryOp.LessOrEqual,
        TokenKind.And => BinaryOp.And,
        TokenKind.Or => BinaryOp.Or,
        TokenKind.Unless => BinaryOp.Unless,
        _ => null,
    };
}
