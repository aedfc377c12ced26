namespace OllyStack.Query.LogQL.Pipeline;

/// <summary>The labels and values by which Loki marks a line a stage could not handle; <c>| __error__=""</c> drops such lines.</summary>
public static class PipelineErrors
{
    public const string ErrorLabel = "__error__";
    public const string DetailsLabel = "__error_details__";
    public const string JsonParser = "JSONParserErr";
    public const string LogfmtParser = "LogfmtParserErr";
    public const string LabelFilter = "LabelFilterErr";
    public const string TemplateFormat = "TemplateFormatErr";
    public const string SampleExtraction = "SampleExtractionErr";
}
