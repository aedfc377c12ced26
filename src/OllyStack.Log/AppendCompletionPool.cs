namespace OllyStack.Log;

/// <summary>Recycles <see cref="AppendCompletion"/>s; keeps at most a few thousand idle ones.</summary>
internal sealed class AppendCompletionPool
{
    private const int MaxIdle = 4096;
    private readonly Stack<AppendCompletion> idle = new();
    private readonly Lock gate = new();

    public AppendCompletion Rent()
    {
        lock (gate)
        {
            if (idle.TryPop(out var completion)) return completion;
        }
        return new AppendCompletion(this);
    }

    public void Return(AppendCompletion completion)
    {
        lock (gate)
        {
            if (idle.Count < MaxIdle) idle.Push(completion);
        }
    }
}
