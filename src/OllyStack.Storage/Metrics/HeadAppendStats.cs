namespace OllyStack.Storage.Metrics;

/// <summary>Counts of what appending one batch did.</summary>
public struct HeadAppendStats
{
    public long Appended;
    public long OutOfOrder;
    public long Deduplicated;
    public long TooOld;
    public long NewSeries;

    public void Count(SampleAppend outcome)
    {
        switch (outcome)
        {
            case SampleAppend.Appended: Appended++; break;
            case SampleAppend.InsertedOutOfOrder: OutOfOrder++; break;
            case SampleAppend.Deduplicated: Deduplicated++; break;
            default: TooOld++; break;
        }
    }
}
