namespace OllyStack.ControlPlane.Cost;

/// <summary>The units every figure is in: decimal gigabytes (as cloud and SaaS price lists count them), USD, hours.</summary>
public static class CostUnits
{
    /// <summary>A GB is 10^9 bytes, as AWS, Datadog, Grafana and New Relic bill it.</summary>
    public const decimal BytesPerGb = 1_000_000_000m;

    /// <summary>A GiB is 2^30 bytes, as Google Cloud bills it.</summary>
    public const decimal BytesPerGiB = 1_073_741_824m;

    /// <summary>365.25 / 12: the average month, so a year of months is a year of days.</summary>
    public const decimal AverageDaysPerMonth = 30.4375m;

    public const decimal HoursPerDay = 24m;

    // Amounts are shown in cents and rates per GB to a hundredth of a cent; midpoints round away from zero as invoices do.
    // Adding 0.00m (0.0000m) gives every amount two (rate four) decimals, so JSON shows 8.00 rather than 8.
    internal static decimal Cents(decimal amount) => Math.Round(amount, 2, MidpointRounding.AwayFromZero) + 0.00m;

    internal static decimal Rate(decimal perGb) => Math.Round(perGb, 4, MidpointRounding.AwayFromZero) + 0.0000m;

    internal static decimal Whole(decimal count) => Math.Round(count, 0, MidpointRounding.AwayFromZero);
}
