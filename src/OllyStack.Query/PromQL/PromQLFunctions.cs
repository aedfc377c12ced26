namespace OllyStack.Query.PromQL;

/// <summary>
/// The functions of the Prometheus 2.x function reference with their signatures. Function names are
/// case-sensitive (unlike keywords), as in Prometheus.
/// </summary>
public static class PromQLFunctions
{
    private const ExprType Scalar = ExprType.Scalar;
    private const ExprType Vector = ExprType.InstantVector;
    private const ExprType Matrix = ExprType.RangeVector;
    private const ExprType String = ExprType.String;

    private static readonly Dictionary<string, PromQLFunction> ByName = Catalog().ToDictionary(f => f.Name, StringComparer.Ordinal);

    public static IReadOnlyCollection<PromQLFunction> All => ByName.Values;

    public static bool TryGet(string name, out PromQLFunction function) => ByName.TryGetValue(name, out function!);

    private static IEnumerable<PromQLFunction> Catalog()
    {
        string[] vectorToVector =
        [
            "abs", "absent", "ceil", "exp", "floor", "ln", "log2", "log10", "sgn", "sort", "sort_desc", "sqrt", "timestamp",
            "acos", "acosh", "asin", "asinh", "atan", "atanh", "cos", "cosh", "sin", "sinh", "tan", "tanh", "deg", "rad",
        ];
        string[] rangeToVector =
        [
            "absent_over_time", "avg_over_time", "count_over_time", "last_over_time", "max_over_time", "min_over_time",
            "present_over_time", "stddev_over_time", "stdvar_over_time", "sum_over_time",
            "changes", "delta", "deriv", "idelta", "increase", "irate", "rate", "resets",
        ];
        // Calendar functions default to vector(time()) when called without an argument.
        string[] calendar = ["day_of_month", "day_of_week", "day_of_year", "days_in_month", "hour", "minute", "month", "year"];

        foreach (var name in vectorToVector) yield return Fixed(name, Vector, Vector);
        foreach (var name in rangeToVector) yield return Fixed(name, Vector, Matrix);
        foreach (var name in calendar) yield return Optional(name, Vector, [Vector], required: 0);

        yield return Fixed("clamp", Vector, Vector, Scalar, Scalar);
        yield return Fixed("clamp_max", Vector, Vector, Scalar);
        yield return Fixed("clamp_min", Vector, Vector, Scalar);
        yield return Fixed("histogram_quantile", Vector, Scalar, Vector);
        yield return Fixed("holt_winters", Vector, Matrix, Scalar, Scalar);
        yield return Fixed("label_replace", Vector, Vector, String, String, String, String);
        yield return new PromQLFunction("label_join", Vector, [Vector, String, String, String], RequiredCount: 3, Variadic: true);
        yield return Fixed("predict_linear", Vector, Matrix, Scalar);
        yield return Fixed("quantile_over_time", Vector, Scalar, Matrix);
        yield return Optional("round", Vector, [Vector, Scalar], required: 1);
        yield return Fixed("scalar", Scalar, Vector);
        yield return Fixed("vector", Vector, Scalar);
        yield return Fixed("time", Scalar);
        yield return Fixed("pi", Scalar);
    }

    private static PromQLFunction Fixed(string name, ExprType returns, params ExprType[] parameters) =>
        new(name, returns, new ValueList<ExprType>(parameters), parameters.Length, Variadic: false);

    private static PromQLFunction Optional(string name, ExprType returns, ExprType[] parameters, int required) =>
        new(name, returns, new ValueList<ExprType>(parameters), required, Variadic: false);
}
