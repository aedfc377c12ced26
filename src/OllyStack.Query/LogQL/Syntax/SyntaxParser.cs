using System.Runtime.CompilerServices;

namespace OllyStack.Query.LogQL.Syntax;

/// <summary>
/// Builds the tree of a LogQL query by recursive descent, with precedence climbing for binary operators. It stops at
/// the first error and names its position and what was expected. What Loki checks while parsing is checked here too
/// (selectors that could match every stream, regexes, patterns, templates, which aggregations take unwrap or grouping).
/// </summary>
internal sealed partial class SyntaxParser
{
    /// <summary>The deepest nesting accepted: far beyond real queries, it bounds the stack that parsing and printing need.</summary>
    public const int MaxDepth = 200;

    private readonly string query;
    private readonly List<Token> tokens;
    private int index;
    private int previousEnd;
    private int nesting;

    private SyntaxParser(string query)
    {
        this.query = query;
        tokens = Lexer.Tokenize(query);
        ThrowIfLexError();
    }

    public static LogQLExpr Parse(string query) => new SyntaxParser(query).ParseQuery();

    private LogQLExpr ParseQuery()
    {
        if (Current.Kind == TokenKind.EndOfInput) throw Error(0, 0, "no expression found in input");
        var expr = ParseExpression(0);
        if (Current.Kind == TokenKind.EndOfInput) return expr;
        if (expr is LogSelectorExpr && Current.Kind == TokenKind.LeftBracket)
            throw Error(Current, "a log range such as [5m] is only allowed inside a range aggregation, for example count_over_time({...}[5m])");
        throw Unexpected(null, expr is LogSelectorExpr ? "a pipeline stage or end of input" : "an operator or end of input");
    }

    private Token Current => tokens[index];

    private Token Next => tokens[Math.Min(index + 1, tokens.Count - 1)];

    private Token Peek(int ahead) => tokens[Math.Min(index + ahead, tokens.Count - 1)];

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

    private bool AcceptWord(string word)
    {
        if (!Current.IsWord(word)) return false;
        Advance();
        return true;
    }

    private Token Expect(TokenKind kind, string? context, string expected) =>
        Current.Kind == kind ? Advance() : throw Unexpected(context, expected);

    private void ThrowIfLexError()
    {
        if (Current.Kind == TokenKind.Error) throw Error(Current.Start, Current.Length, Current.Value);
    }

    /// <summary>Guards every recursion of the parser.</summary>
    private void EnterNesting()
    {
        if (++nesting > MaxDepth) throw Error(Current, $"expression is nested more than {MaxDepth} levels deep");
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) throw Error(Current, "expression is nested too deeply for the thread's stack");
    }

    private void ExitNesting() => nesting--;

    private LogQLParseException Unexpected(string? context, string? expected)
    {
        var reason = "unexpected " + Current.Describe();
        if (context is not null) reason += " in " + context;
        if (expected is not null) reason += ", expected " + expected;
        return Error(Current.Start, Current.Length, reason);
    }

    private LogQLParseException Error(int start, int length, string reason) => new(query, start, length, reason);

    private LogQLParseException Error(Token token, string reason) => Error(token.Start, token.Length, reason);
}
