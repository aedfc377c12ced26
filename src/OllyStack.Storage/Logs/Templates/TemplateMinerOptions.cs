namespace OllyStack.Storage.Logs.Templates;

/// <summary>How <see cref="TemplateMiner"/> routes and joins bodies. The defaults serve every log source at once.</summary>
public sealed record TemplateMinerOptions
{
    /// <summary>Leading tokens that route a body in the tree after its token count (Drain's depth minus two).</summary>
    public int PrefixTokens { get; init; } = 2;

    /// <summary>
    /// The share of constant positions a body must have in common with a template to join it. 0.6 is the best
    /// single value for the 16 LogHub systems together (0.55-0.65 score within a point of each other).
    /// </summary>
    public double SimilarityThreshold { get; init; } = 0.6;

    /// <summary>Distinct tokens a tree node tells apart; further tokens share its wildcard branch.</summary>
    public int MaxChildren { get; init; } = 100;

    /// <summary>
    /// Templates one leaf holds: a body that matches none of a full leaf's gets no template (its store keeps it
    /// whole), so bodies made to differ cannot make each lookup slower without bound.
    /// </summary>
    public int MaxTemplatesPerLeaf { get; init; } = 256;
}
