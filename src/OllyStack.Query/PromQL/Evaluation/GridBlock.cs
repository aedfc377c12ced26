namespace OllyStack.Query.PromQL.Evaluation;

/// <summary>
/// An instant vector at <see cref="Steps"/> consecutive steps of a range query, series by series: row r's value at
/// step k is <c>Values[r * Steps + k]</c>, meaningful only where <c>Present</c> is set. Two rows may carry one label
/// set as long as they are never present at the same step (a series that changes partner between steps).
/// </summary>
internal sealed class GridBlock
{
    private double[] _values;
    private bool[] _present;

    public GridBlock(int steps, int expectedRows)
    {
        Steps = steps;
        _values = new double[Math.Max(1, expectedRows) * steps];
        _present = new bool[_values.Length];
    }

    /// <summary>A block over rows already computed: <paramref name="values"/> and <paramref name="present"/> become its own.</summary>
    public GridBlock(int steps, List<Labels> labels, double[] values, bool[] present)
    {
        Steps = steps;
        Labels = [.. labels];
        _values = values;
        _present = present;
    }

    public int Steps { get; }

    public List<Labels> Labels { get; } = [];

    /// <summary>A copy of <paramref name="steps"/> steps from <paramref name="firstStep"/> on, every row.</summary>
    public GridBlock CopyOfSteps(int firstStep, int steps)
    {
        var copy = new GridBlock(steps, Rows);
        for (var row = 0; row < Rows; row++)
        {
            copy.AddRow(Labels[row]);
            ValuesOf(row).Slice(firstStep, steps).CopyTo(copy.ValuesOf(row));
            PresentOf(row).Slice(firstStep, steps).CopyTo(copy.PresentOf(row));
        }
        return copy;
    }

    public int Rows => Labels.Count;

    public double[] Values => _values;

    public bool[] Present => _present;

    /// <summary>Drops every row, keeping the room, so one block serves chunk after chunk.</summary>
    public void Clear()
    {
        Array.Clear(_present, 0, Labels.Count * Steps);
        Labels.Clear();
    }

    /// <summary>Adds an empty row (present nowhere) and returns its index.</summary>
    public int AddRow(Labels labels)
    {
        var needed = (Labels.Count + 1) * Steps;
        if (needed > _values.Length)
        {
            var length = Math.Max(needed, _values.Length * 2);
            Array.Resize(ref _values, length);
            Array.Resize(ref _present, length);
        }
        Labels.Add(labels);
        return Labels.Count - 1;
    }

    public Span<double> ValuesOf(int row) => _values.AsSpan(row * Steps, Steps);

    public Span<bool> PresentOf(int row) => _present.AsSpan(row * Steps, Steps);

    public void Set(int row, int step, double value)
    {
        _values[row * Steps + step] = value;
        _present[row * Steps + step] = true;
    }

    /// <summary>The samples present at <paramref name="step"/>, in row order.</summary>
    public List<Sample> SamplesAt(int step)
    {
        var samples = new List<Sample>();
        for (var row = 0; row < Labels.Count; row++)
            if (_present[row * Steps + step]) samples.Add(new Sample(Labels[row], _values[row * Steps + step]));
        return samples;
    }
}
