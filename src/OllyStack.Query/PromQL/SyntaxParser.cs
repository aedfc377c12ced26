using System.Runtime.CompilerServices;

namespace OllyStack.Query.PromQL;

/// <summary>
/// Builds the tree of a query by recursive descent, with precedence climbing for the binary operators. It stops
/// at the first error, which is either a syntax error or one of the checks Prometheus makes while parsing
/// (numbers, durations, regular expressions, where modifiers may stand, function names, aggregation arguments).
/// Type checks run afterwards in <see cref="TypeChecker"/>, so, as in Prometheus, a syntax error anywhere is
/// reported before a type error.
/// </summary>
internal sealed partial class SyntaxParser
{
    /// <summary>
    /// The deepest tree and the deepest nesting of sub-expressions accepted. Far beyond real queries, it bounds the
    /// stack that printing and comparing a parsed tree need (measured: a 1000-deep chain still printed and compared
    /// on a 1 MiB stack, a 2000-deep one did not). Parsing and type checking also stop with an error when the
    /// thread's stack runs low, so no input can overflow the stack and end the process.
    /// </summary>
    public const int MaxDepth = 500;

    private readonly string query;
    private readonly List<Token> tokens;
    private readonly SourceMap map = new();
    private int index;
    private int previousEnd;
    private int nesting;

    private SyntaxParser(string query)
    {
        this.query = query;
        tokens = Lexer.Tokenize(query);
        ThrowIfLexError();
    }

    public static (Expr Expr, SourceMap Map) Parse(string query)
    {
        var parser = new SyntaxParser(query);
        return (parser.ParseQuery(), parser.map);
    }

    private Expr ParseQuery()
    {
        if (Current.Kind == TokenKind.EndOfInput) throw Error(0, 0, "no expression found in input");
        var expr = ParseExpression(0);
        if (Current.Kind != TokenKind.EndOfInput) throw Unexpected(null, "an operator or end of input");
        return expr;
    }

    private Token Current => tokens[index];

    private Token Next => tokens[Math.Min(index + 1, tokens.Count - 1)];

    /// <summary>Consumes the current token. Reaching a lexer error reports it, as reaching any bad token does.</summary>
    private Token Advance()
    {
        var token = tokens[index];
        previousEnd = token.End;
        if (index < tokens.Count - 1) index++;
        ThrowIfLexError();
        return token;
    }

    private bool Accept(TokenKind kind)
    {
        if (Current.Kind != kind) return false;
        Advance();
        return true;
    }

    private Token Expect(TokenKind kind, string? context, string expected) => Advance(Require(kind, context, expected));

    /// <summary>The current token, which must be of <paramref name="kind"/>, not yet consumed: check its value first, so errors stay in source order.</summary>
    private Token Require(TokenKind kind, string? context, string expected) =>
        Current.Kind == kind ? Current : throw Unexpected(context, expected);

    private Token Advance(Token current)
    {
        Advance();
        return current;
    }

    private void ThrowIfLexError()
    {
        if (Current.Kind == TokenKind.Error) throw Error(Current.Start, Current.Length, Current.Value);
    }

    /// <summary>Registers a node that ends at the last consumed token; its depth is one more than its deepest child's.</summary>
    private T Node<T>(T node, int start, params ReadOnlySpan<Expr> children) where T : Expr =>
        NodeAt(node, new SourceSpan(start, previousEnd), children);

    private T NodeAt<T>(T node, SourceSpan span, params ReadOnlySpan<Expr> children) where T : Expr
    {
        var depth = 1;
        foreach (var child in children) depth = Math.Max(depth, map.DepthOf(child) + 1);
        if (depth > MaxDepth) throw Error(span, $"expression is nested more than {MaxDepth} levels deep");
        map.Add(node, span, depth);
        return node;
    }

    /// <summary>Guards each nested <see cref="ParseExpression"/> call, the parser's only recursion.</summary>
    private void EnterNesting()
    {
        if (++nesting > MaxDepth) throw Error(Current.Start, Current.Length, $"expression is nested more than {MaxDepth} levels deep");
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw Error(Current.Start, Current.Length, "expression is nested too deeply for the thread's stack");
    }

    private void ExitNesting() => nesting--;

    private PromQLParseException Unexpected(string? context, string? expected)
    {
        var reason = "unexpected " + Current.Describe();
        if (context is not null) reason += " in " + context;
        if (expected is not null) reason += ", expected " + expected;
        return Error(Current.Start, Current.Length, reason);
    }

    private PromQLParseException Error(int start, int length, string reason) => new(query, start, length, reason);

    private PromQLParseException Error(SourceSpan span, string reason) => Error(span.Start, span.Length, reason);

    private PromQLParseException Error(Token token, string reason) => Error(token.Start, token.Length, reason);
}
