namespace OllyStack.Query.PromQL.Evaluation;

// Grid blocks of aggregations: each input row's group found once per block, then values folded step by step.
internal sealed partial class Evaluator
{
    private GridBlock AggregateBlock(AggregateExpr aggregate, long firstStep, int steps)
    {
        var parameters = aggregate.Param is null ? null : ScalarSteps(aggregate.Param, firstStep, steps);
        var input = EvaluateBlock(aggregate.Expr, firstStep, steps);
        var (groupOfRow, groupKeys) = Groups(aggregate, input.Labels);
        return aggregate.Op switch
        {
            AggregationOp.Topk or AggregationOp.Bottomk => ExtremesBlock(input, groupOfRow, groupKeys.Count, parameters!, aggregate.Op == AggregationOp.Topk),
            AggregationOp.Quantile => QuantileBlock(input, groupOfRow, groupKeys, parameters!),
            _ => FoldBlock(aggregate.Op, input, groupOfRow, groupKeys),
        };
    }

    /// <summary>sum, count, group, min, max, avg, stddev and stdvar: values folded in row order, as the step-by-step path does.</summary>
    private static GridBlock FoldBlock(AggregationOp op, GridBlock input, int[] groupOfRow, List<Labels> groupKeys)
    {
        var steps = input.Steps;
        var output = new GridBlock(steps, groupKeys.Count);
        foreach (var key in groupKeys) output.AddRow(key);
        var values = output.Values;
        var counts = new int[groupKeys.Count * steps];
        var means = op == AggregationOp.Avg ? new MeanAccumulator[counts.Length] : null;
        var variances = op is AggregationOp.Stddev or AggregationOp.Stdvar ? new VarianceAccumulator[counts.Length] : null;
        for (var row = 0; row < input.Rows; row++)
        {
            var present = input.PresentOf(row);
            var rowValues = input.ValuesOf(row);
            var groupStart = groupOfRow[row] * steps;
            for (var k = 0; k < steps; k++)
            {
                if (!present[k]) continue;
                var cell = groupStart + k;
                var value = rowValues[k];
                if (counts[cell]++ == 0) values[cell] = op is AggregationOp.Min or AggregationOp.Max ? double.NaN : 0;
                if (means is not null) means[cell].Add(value);
                else if (variances is not null) variances[cell].Add(value);
                else values[cell] = AggregationFold.Fold(op, values[cell], value);
            }
        }
        for (var cell = 0; cell < counts.Length; cell++)
        {
            if (counts[cell] == 0) continue;
            output.Present[cell] = true;
            values[cell] = op switch
            {
                AggregationOp.Count => counts[cell],
                AggregationOp.Group => 1,
                AggregationOp.Avg => means![cell].Mean,
                AggregationOp.Stddev => Math.Sqrt(variances![cell].Variance),
                AggregationOp.Stdvar => variances![cell].Variance,
                _ => values[cell],
            };
        }
        return output;
    }

    /// <summary>topk and bottomk: per group and step the k extreme rows, each kept with its own labels where chosen.</summary>
    private static GridBlock ExtremesBlock(GridBlock input, int[] groupOfRow, int groupCount, double[] ks, bool largest)
    {
        var steps = input.Steps;
        var output = new GridBlock(steps, Math.Min(input.Rows, groupCount * 4));
        var outputRow = new int[input.Rows];
        Array.Fill(outputRow, -1);
        var members = MembersOfGroups(groupOfRow, groupCount);
        var present = new List<int>();
        for (var k = 0; k < steps; k++)
        {
            foreach (var rows in members)
            {
                present.Clear();
                foreach (var row in rows)
                    if (input.Present[row * steps + k]) present.Add(row);
                if (present.Count == 0) continue;
                foreach (var row in Extremes(present, r => input.Values[r * steps + k], ks[k], largest))
                {
                    if (outputRow[row] < 0) outputRow[row] = output.AddRow(input.Labels[row]);
                    output.Set(outputRow[row], k, input.Values[row * steps + k]);
                }
            }
        }
        return output;
    }

    /// <summary>quantile: per group and step, the φ-quantile of the members present.</summary>
    private static GridBlock QuantileBlock(GridBlock input, int[] groupOfRow, List<Labels> groupKeys, double[] phis)
    {
        var steps = input.Steps;
        var output = new GridBlock(steps, groupKeys.Count);
        foreach (var key in groupKeys) output.AddRow(key);
        var members = MembersOfGroups(groupOfRow, groupKeys.Count);
        var values = new List<double>();
        for (var group = 0; group < members.Length; group++)
        {
            for (var k = 0; k < steps; k++)
            {
                values.Clear();
                foreach (var row in members[group])
                    if (input.Present[row * steps + k]) values.Add(input.Values[row * steps + k]);
                if (values.Count > 0) output.Set(group, k, Quantiles.Of(phis[k], values));
            }
        }
        return output;
    }

    private static List<int>[] MembersOfGroups(int[] groupOfRow, int groupCount)
    {
        var members = new List<int>[groupCount];
        for (var group = 0; group < groupCount; group++) members[group] = [];
        for (var row = 0; row < groupOfRow.Length; row++) members[groupOfRow[row]].Add(row);
        return members;
    }
}
