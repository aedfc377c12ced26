namespace OllyStack.Query.PromQL;

/// <summary>
/// The signature of a PromQL function. The first <see cref="RequiredCount"/> parameters must be given, the rest are
/// optional; a <see cref="Variadic"/> function accepts any number of further arguments of its last parameter's type.
/// </summary>
public sealed record PromQLFunction(string Name, ExprType ReturnType, ValueList<ExprType> Parameters, int RequiredCount, bool Variadic)
{
    /// <summary>The most arguments a call may pass; <see cref="int.MaxValue"/> for a variadic function.</summary>
    public int MaxCount => Variadic ? int.MaxValue : Parameters.Count;

    /// <summary>The type argument <paramref name="index"/> must have; arguments past the last parameter repeat its type.</summary>
    public ExprType ParameterType(int index) => Parameters[Math.Min(index, Parameters.Count - 1)];
}
