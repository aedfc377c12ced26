namespace OllyStack.Alerting.Streaming.Incremental;

/// <summary>The functions of a range vector the stream keeps running state for.</summary>
internal enum RangeFunction
{
    Rate,
    Increase,
    Delta,
    Irate,
    Idelta,
    Changes,
    Resets,
    SumOverTime,
    AvgOverTime,
    CountOverTime,
    MinOverTime,
    MaxOverTime,
    StddevOverTime,
    StdvarOverTime,
    QuantileOverTime,
    LastOverTime,
    PresentOverTime,
}
