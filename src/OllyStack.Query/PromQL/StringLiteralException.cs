namespace OllyStack.Query.PromQL;

/// <summary>A bad string literal: where it is wrong in the query and why. Each lexer turns it into its own parse error.</summary>
internal sealed class StringLiteralException(int start, int length, string reason) : Exception(reason)
{
    public int Start { get; } = start;

    public int Length { get; } = length;

    public string Reason { get; } = reason;
}
