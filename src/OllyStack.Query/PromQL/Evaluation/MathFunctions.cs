namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>The PromQL functions that map each sample's value through a plain math function.</summary>
internal static class MathFunctions
{
    private static readonly Dictionary<string, Func<double, double>> ByName = new(StringComparer.Ordinal)
    {
        ["abs"] = Math.Abs,
        ["ceil"] = Math.Ceiling,
        ["floor"] = Math.Floor,
        ["exp"] = Math.Exp,
        ["ln"] = Math.Log,
        ["log2"] = Math.Log2,
        ["log10"] = Math.Log10,
        ["sqrt"] = Math.Sqrt,
        ["sgn"] = v => double.IsNaN(v) ? v : Math.Sign(v),
        ["acos"] = Math.Acos,
        ["acosh"] = Math.Acosh,
        ["asin"] = Math.Asin,
        ["asinh"] = Math.Asinh,
        ["atan"] = Math.Atan,
        ["atanh"] = Math.Atanh,
        ["cos"] = Math.Cos,
        ["cosh"] = Math.Cosh,
        ["sin"] = Math.Sin,
        ["sinh"] = Math.Sinh,
        ["tan"] = Math.Tan,
        ["tanh"] = Math.Tanh,
        ["deg"] = v => v * 180 / Math.PI,
        ["rad"] = v => v * Math.PI / 180,
    };

    public static bool TryGet(string name, out Func<double, double> function) => ByName.TryGetValue(name, out function!);
}
