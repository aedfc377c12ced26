namespace OllyStack.Storage.Index;

/// <summary>Set operations on ascending series-ref lists: the algebra label matchers are answered with.</summary>
public static class Postings
{
    public static uint[] Intersect(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var result = new List<uint>(Math.Min(a.Length, b.Length));
        int i = 0, j = 0;
        while (i < a.Length && j < b.Length)
        {
            if (a[i] < b[j]) i++;
            else if (a[i] > b[j]) j++;
            else
            {
                result.Add(a[i]);
                i++;
                j++;
            }
        }
        return [.. result];
    }

    /// <summary>The refs of <paramref name="a"/> that are not in <paramref name="b"/>.</summary>
    public static uint[] Subtract(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        var result = new List<uint>(a.Length);
        var j = 0;
        foreach (var value in a)
        {
            while (j < b.Length && b[j] < value) j++;
            if (j >= b.Length || b[j] != value) result.Add(value);
        }
        return [.. result];
    }

    /// <summary>The union of several lists, each ascending, merged with a priority queue.</summary>
    public static uint[] Union(IReadOnlyList<PostingList> lists)
    {
        if (lists.Count == 0) return [];
        if (lists.Count == 1) return lists[0].Refs.ToArray();
        var heads = new PriorityQueue<(int List, int Position), uint>(lists.Count);
        for (var l = 0; l < lists.Count; l++)
            if (lists[l].Count > 0) heads.Enqueue((l, 0), lists[l].Refs[0]);
        var result = new List<uint>();
        while (heads.TryDequeue(out var head, out var value))
        {
            if (result.Count == 0 || result[^1] != value) result.Add(value);
            var refs = lists[head.List].Refs;
            if (head.Position + 1 < refs.Length) heads.Enqueue((head.List, head.Position + 1), refs[head.Position + 1]);
        }
        return [.. result];
    }
}
