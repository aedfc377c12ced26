namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>
/// A relative-error quantile sketch in the manner of DDSketch (Masson, Rim and Lee, VLDB 2019): a value x &gt; 0 is
/// counted in bucket ⌈log_γ x⌉ with γ = (1 + α) / (1 - α), and a bucket stands for 2γ^i / (γ + 1), within α of every
/// value in it; negative values mirror that, zero (and anything too small to log) has its own count. Counts can be
/// taken out again, so a sliding window keeps one sketch instead of a sorted copy of its values, and two sketches of
/// the same α merge by adding counts. Ranks follow PromQL's quantile: NaN sorts first, then -Inf, ..., +Inf.
/// </summary>
internal sealed class QuantileSketch
{
    /// <summary>α: every quantile is within 0.5 % of a value of the right rank.</summary>
    public const double RelativeAccuracy = 0.005;

    private const double SmallestIndexed = 1e-300;
    private static readonly double Gamma = (1 + RelativeAccuracy) / (1 - RelativeAccuracy);
    private static readonly double LogGamma = Math.Log(Gamma);

    private readonly BucketCounts _positive = new();
    private readonly BucketCounts _negative = new();
    private long _nans;
    private long _negativeInfinities;
    private long _zeros;
    private long _positiveInfinities;

    public long Count { get; private set; }

    public void Add(double value) => Change(value, +1);

    /// <summary>Takes out a value added before.</summary>
    public void Remove(double value) => Change(value, -1);

    public void Clear()
    {
        _positive.Clear();
        _negative.Clear();
        (_nans, _negativeInfinities, _zeros, _positiveInfinities, Count) = (0, 0, 0, 0, 0);
    }

    /// <summary>
    /// PromQL's φ-quantile: linear interpolation between the values of ranks ⌊φ(n-1)⌋ and the one after; -Inf for
    /// φ &lt; 0, +Inf for φ &gt; 1, NaN for NaN φ or no values.
    /// </summary>
    public double Quantile(double phi)
    {
        if (Count == 0 || double.IsNaN(phi)) return double.NaN;
        if (phi < 0) return double.NegativeInfinity;
        if (phi > 1) return double.PositiveInfinity;
        var rank = phi * (Count - 1);
        var lower = Math.Max(0, (long)Math.Floor(rank));
        var upper = Math.Min(Count - 1, lower + 1);
        var weight = rank - Math.Floor(rank);
        return ValueAt(lower) * (1 - weight) + ValueAt(upper) * weight;
    }

    private void Change(double value, int change)
    {
        Count += change;
        if (double.IsNaN(value)) _nans += change;
        else if (double.IsPositiveInfinity(value)) _positiveInfinities += change;
        else if (double.IsNegativeInfinity(value)) _negativeInfinities += change;
        else if (Math.Abs(value) < SmallestIndexed) _zeros += change;
        else (value > 0 ? _positive : _negative).Change(IndexOf(Math.Abs(value)), change);
    }

    /// <summary>The value of rank <paramref name="rank"/> (0-based, ascending) as its bucket represents it.</summary>
    private double ValueAt(long rank)
    {
        if ((rank -= _nans) < 0) return double.NaN;
        if ((rank -= _negativeInfinities) < 0) return double.NegativeInfinity;
        if (rank < _negative.Total) return -ValueOf(_negative.IndexAtRank(_negative.Total - 1 - rank));
        if ((rank -= _negative.Total + _zeros) < 0) return 0;
        if (rank < _positive.Total) return ValueOf(_positive.IndexAtRank(rank));
        return double.PositiveInfinity;
    }

    private static int IndexOf(double magnitude) => (int)Math.Ceiling(Math.Log(magnitude) / LogGamma);

    private static double ValueOf(int index) => 2 * Math.Pow(Gamma, index) / (Gamma + 1);

    /// <summary>Counts per bucket index over the span of indexes seen, growing at either end as needed.</summary>
    private sealed class BucketCounts
    {
        private long[] _counts = [];
        private int _lowest;

        public long Total { get; private set; }

        public void Change(int index, int change)
        {
            Cover(index);
            _counts[index - _lowest] += change;
            Total += change;
        }

        public void Clear()
        {
            Array.Clear(_counts);
            Total = 0;
        }

        /// <summary>The index of the bucket holding rank <paramref name="rank"/>, counting up from the lowest index.</summary>
        public int IndexAtRank(long rank)
        {
            for (var i = 0; i < _counts.Length; i++)
                if ((rank -= _counts[i]) < 0) return _lowest + i;
            throw new InvalidOperationException("rank beyond the sketch's count");
        }

        private void Cover(int index)
        {
            if (_counts.Length == 0)
            {
                (_counts, _lowest) = (new long[16], index);
                return;
            }
            if (index >= _lowest && index < _lowest + _counts.Length) return;
            var highest = Math.Max(_lowest + _counts.Length - 1, index);
            var length = Math.Max(_counts.Length * 2, highest - Math.Min(_lowest, index) + 1);
            // Growing down leaves the spare room below, growing up above: a drifting series keeps drifting.
            var lowest = index < _lowest ? highest - length + 1 : _lowest;
            var counts = new long[length];
            Array.Copy(_counts, 0, counts, _lowest - lowest, _counts.Length);
            (_counts, _lowest) = (counts, lowest);
        }
    }
}
