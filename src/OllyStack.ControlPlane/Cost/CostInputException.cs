namespace OllyStack.ControlPlane.Cost;

/// <summary>
/// A cost input, price or incumbent document the calculator cannot use. The message names the field (a JSON path such
/// as <c>prices.hot_per_gb_month</c> or <c>vendors[2].as_of</c>) and what it allows, so the API can return it as a 400.
/// </summary>
public sealed class CostInputException(string field, string message) : Exception(message)
{
    /// <summary>The offending field's path, e.g. <c>compression_ratio</c>.</summary>
    public string Field { get; } = field;

    internal static CostInputException Invalid(string field, string requirement, decimal got) =>
        new(field, $"{field} {requirement} (got {got.ToString(System.Globalization.CultureInfo.InvariantCulture)})");
}
