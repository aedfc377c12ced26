namespace OllyStack.Storage.Logs.Templates;

/// <summary>
/// Mines templates from log bodies online, as Drain does (He et al., ICWS 2017): a tree of fixed depth routes each
/// body by its token count, then by its first tokens, to a short list of templates; the body joins the most similar
/// one (the share of its constant positions holding the same token) when that share reaches the threshold, turning the positions
/// where they differ into wildcards, or else starts a template of its own. Tokens are compared by shape (see
/// <see cref="LogTokens"/>), so numbers and ids inside them never tell bodies apart. Not thread-safe.
/// </summary>
public sealed class TemplateMiner(TemplateMinerOptions? options = null)
{
    private readonly TemplateMinerOptions _options = options ?? new TemplateMinerOptions();
    private readonly Dictionary<int, TreeNode> _byTokenCount = [];
    private readonly List<LogTemplate> _templates = [];
    private readonly List<Range> _tokens = [];

    /// <summary>Every template so far, in order of creation: a template's id is its index.</summary>
    public IReadOnlyList<LogTemplate> Templates => _templates;

    /// <summary>
    /// The template <paramref name="body"/> joins, generalised as needed, or the one it starts; null when its leaf
    /// of the tree is full and no template there is similar enough.
    /// </summary>
    public LogTemplate? Add(ReadOnlySpan<char> body, long timeUnixNano)
    {
        Tokenize(body);
        var leaf = Route(body, create: true)!;
        var template = MostSimilar(leaf, body);
        if (template is null)
        {
            if (leaf.Templates.Count >= _options.MaxTemplatesPerLeaf) return null;
            template = new LogTemplate(_templates.Count, NewTokens(body), timeUnixNano);
            leaf.Templates.Add(template);
            _templates.Add(template);
        }
        else
        {
            Generalise(template, body);
        }
        template.Saw(timeUnixNano);
        return template;
    }

    /// <summary>The template <paramref name="body"/> would join, without changing it; null if the body would start one.</summary>
    public LogTemplate? Match(ReadOnlySpan<char> body)
    {
        Tokenize(body);
        return Route(body, create: false) is { } leaf ? MostSimilar(leaf, body) : null;
    }

    private void Tokenize(ReadOnlySpan<char> body)
    {
        _tokens.Clear();
        LogTokens.Split(body, _tokens);
    }

    /// <summary>The leaf for the body's token count and first tokens; with <paramref name="create"/>, made if missing.</summary>
    private TreeNode? Route(ReadOnlySpan<char> body, bool create)
    {
        if (!_byTokenCount.TryGetValue(_tokens.Count, out var node))
        {
            if (!create) return null;
            _byTokenCount[_tokens.Count] = node = new TreeNode();
        }
        var levels = Math.Min(_options.PrefixTokens, _tokens.Count);
        for (var level = 0; level < levels && node is not null; level++) node = Child(node, body[_tokens[level]], create);
        return node;
    }

    /// <summary>
    /// The child for <paramref name="token"/>: a variable, a token the node has no room left for, and (when only
    /// looking) a token it never saw all go to the wildcard child.
    /// </summary>
    private TreeNode? Child(TreeNode node, ReadOnlySpan<char> token, bool create)
    {
        var children = node.Children.GetAlternateLookup<ReadOnlySpan<char>>();
        if (!LogTokens.IsVariable(token) && children.TryGetValue(token, out var child)) return child;
        var key = LogTokens.IsVariable(token) || node.Children.Count >= _options.MaxChildren ? LogTemplate.Wildcard : null;
        if (key is not null && node.Children.TryGetValue(key, out child)) return child;
        if (!create) return null;
        child = new TreeNode();
        node.Children[key ?? token.ToString()] = child;
        return child;
    }

    /// <summary>The leaf's template most similar to the body (ties to the one with more wildcards) if similar enough, else null.</summary>
    private LogTemplate? MostSimilar(TreeNode leaf, ReadOnlySpan<char> body)
    {
        LogTemplate? best = null;
        var (bestSimilarity, bestWildcards) = (-1.0, -1);
        foreach (var template in leaf.Templates)
        {
            var (similarity, wildcards) = Compare(template, body);
            if (similarity < bestSimilarity || (similarity == bestSimilarity && wildcards <= bestWildcards)) continue;
            (best, bestSimilarity, bestWildcards) = (template, similarity, wildcards);
        }
        return bestSimilarity >= _options.SimilarityThreshold ? best : null;
    }

    /// <summary>
    /// Of the positions that are not a variable in both (a digit-holding token of the template's shape), the share
    /// where the template holds the body's very token; and the template's wildcard count. A body and template that
    /// agree everywhere, variables included, are fully similar.
    /// </summary>
    private (double Similarity, int Wildcards) Compare(LogTemplate template, ReadOnlySpan<char> body)
    {
        int same = 0, wildcards = 0, variables = 0;
        for (var i = 0; i < _tokens.Count; i++)
        {
            var expected = template.Tokens[i];
            var token = body[_tokens[i]];
            if (LogTokens.HasShape(token, expected))
            {
                if (LogTokens.IsVariable(token)) variables++;
                else same++;
            }
            else if (LogTemplate.IsWildcard(expected))
            {
                wildcards++;
            }
        }
        return (same + variables == _tokens.Count ? 1 : (double)same / (_tokens.Count - variables), wildcards);
    }

    private void Generalise(LogTemplate template, ReadOnlySpan<char> body)
    {
        for (var i = 0; i < _tokens.Count; i++)
        {
            var expected = template.Tokens[i];
            if (!LogTemplate.IsWildcard(expected) && !LogTokens.HasShape(body[_tokens[i]], expected)) template.Generalise(i);
        }
    }

    private string[] NewTokens(ReadOnlySpan<char> body)
    {
        var tokens = new string[_tokens.Count];
        for (var i = 0; i < tokens.Length; i++) tokens[i] = LogTokens.Shape(body[_tokens[i]]);
        return tokens;
    }

    private sealed class TreeNode
    {
        public Dictionary<string, TreeNode> Children { get; } = new(StringComparer.Ordinal);

        public List<LogTemplate> Templates { get; } = [];
    }
}
