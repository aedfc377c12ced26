namespace OllyStack.Query.PromQL;

/// <summary>How many series on each side of a vector binary operation may match each other.</summary>
public enum MatchingCardinality
{
    OneToOne,

    /// <summary><c>group_left</c>: many series on the left match one on the right.</summary>
    ManyToOne,

    /// <summary><c>group_right</c>: one series on the left matches many on the right.</summary>
    OneToMany,

    /// <summary>The set operators <c>and</c>, <c>or</c>, <c>unless</c>.</summary>
    ManyToMany,
}
