namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>One compiled pipeline stage. Stages are built once per query and hold their scratch state, so one query's pipeline runs on one thread.</summary>
internal abstract class Stage
{
    /// <summary>Processes the line in place; false drops it.</summary>
    public abstract bool Process(LineContext context);
}
