namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>The result of a query: one of <see cref="VectorValue"/>, <see cref="ScalarValue"/>, <see cref="StringValue"/>, <see cref="MatrixValue"/>.</summary>
public abstract record QueryValue
{
    private protected QueryValue()
    {
    }

    public abstract ExprType Type { get; }
}

/// <summary>An instant vector at <see cref="TimestampMs"/>; for sort functions the order of <see cref="Samples"/> is meaningful.</summary>
public sealed record VectorValue(long TimestampMs, IReadOnlyList<Sample> Samples) : QueryValue
{
    public override ExprType Type => ExprType.InstantVector;
}

public sealed record ScalarValue(long TimestampMs, double Value) : QueryValue
{
    public override ExprType Type => ExprType.Scalar;
}

public sealed record StringValue(long TimestampMs, string Value) : QueryValue
{
    public override ExprType Type => ExprType.String;
}

/// <summary>A range vector, or the result of a range query: series sorted by labels.</summary>
public sealed record MatrixValue(IReadOnlyList<Series> Series) : QueryValue
{
    public override ExprType Type => ExprType.RangeVector;
}
