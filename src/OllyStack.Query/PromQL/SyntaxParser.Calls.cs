namespace OllyStack.Query.PromQL;

internal sealed partial class SyntaxParser
{
    /// <summary>A function call; an unknown name is reported after its arguments parse, as Prometheus does.</summary>
    private Call ParseCall()
    {
        var name = Advance();
        var args = ParseArguments($"call to function {StringQuoting.Quote(name.Text)}");
        if (!PromQLFunctions.TryGet(name.Text, out var function)) throw Error(name, $"unknown function with name {StringQuoting.Quote(name.Text)}");
        return Node(new Call(function, new ValueList<Expr>(args)), name.Start, [.. args]);
    }

    /// <summary><c>op [by|without (labels)] ([param,] expr) [by|without (labels)]</c>: the grouping before or after the arguments.</summary>
    private AggregateExpr ParseAggregation()
    {
        var keyword = Advance();
        AggregationOperators.TryParse(keyword.Text, out var op);
        ValueList<string>? grouping = null;
        var without = false;
        if (Current.Kind is TokenKind.By or TokenKind.Without) (grouping, without) = ParseGrouping();
        var args = ParseArguments("aggregation");
        if (grouping is null && Current.Kind is TokenKind.By or TokenKind.Without) (grouping, without) = ParseGrouping();

        var span = new SourceSpan(keyword.Start, previousEnd);
        if (args.Count == 0) throw Error(span, "no arguments for aggregate expression provided");
        var wanted = op.ParameterType() is null ? 1 : 2;
        if (args.Count != wanted) throw Error(span, $"wrong number of arguments for aggregate expression provided, expected {wanted}, got {args.Count}");
        var param = wanted == 2 ? args[0] : null;
        return Node(new AggregateExpr(op, args[^1], param, grouping ?? ValueList<string>.Empty, without), keyword.Start, [.. args]);
    }

    private (ValueList<string> Labels, bool Without) ParseGrouping()
    {
        var without = Advance().Kind == TokenKind.Without;
        return (ParseLabelList(without ? "without labels" : "by labels"), without);
    }

    /// <summary><c>(expr, ...)</c>; a trailing comma is an error here, unlike in label lists.</summary>
    private List<Expr> ParseArguments(string context)
    {
        Expect(TokenKind.LeftParen, context, "\"(\"");
        var args = new List<Expr>();
        if (Accept(TokenKind.RightParen)) return args;
        while (true)
        {
            args.Add(ParseExpression(0));
            if (Current.Kind != TokenKind.Comma)
            {
                Expect(TokenKind.RightParen, context, "\",\" or \")\"");
                return args;
            }
            var comma = Advance();
            if (Current.Kind == TokenKind.RightParen) throw Error(comma, "trailing commas not allowed in function call args");
        }
    }

    /// <summary><c>(label, ...)</c> for by, without, on, ignoring and group_x; keywords are valid label names, a trailing comma is allowed.</summary>
    private ValueList<string> ParseLabelList(string context)
    {
        Expect(TokenKind.LeftParen, context, "\"(\"");
        var labels = new List<string>();
        while (Current.Kind != TokenKind.RightParen)
        {
            if (!Keywords.CanNameLabel(Current.Kind)) throw Unexpected(context, "label name");
            labels.Add(Advance().Text);
            if (!Accept(TokenKind.Comma)) break;
        }
        Expect(TokenKind.RightParen, context, "\",\" or \")\"");
        return new ValueList<string>(labels);
    }
}
