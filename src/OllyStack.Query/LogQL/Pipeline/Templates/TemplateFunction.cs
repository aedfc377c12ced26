namespace OllyStack.Query.LogQL.Pipeline.Templates;

/// <summary>A function templates may call, with how many arguments it takes (a piped value counts as the last one).</summary>
internal sealed record TemplateFunction(string Name, int MinArgs, int MaxArgs, Func<IReadOnlyList<object?>, ITemplateScope, object?> Body)
{
    public object? Call(IReadOnlyList<object?> args, ITemplateScope scope)
    {
        if (args.Count < MinArgs || args.Count > MaxArgs)
        {
            var wanted = MinArgs == MaxArgs ? MinArgs.ToString(System.Globalization.CultureInfo.InvariantCulture) : $"{MinArgs} to {(MaxArgs == int.MaxValue ? "any" : MaxArgs)}";
            throw new TemplateException($"wrong number of args for {Name}: want {wanted} got {args.Count}");
        }
        return Body(args, scope);
    }
}
