using System.Net.Http.Headers;
using Google.Protobuf;
using OllyStack.Ingest.Prometheus;
using Snappier;

namespace OllyStack.EndToEnd.Compliance;

/// <summary>Sends samples by Prometheus remote write (snappy-compressed protobuf), oldest first, in bounded requests.</summary>
internal static class RemoteWriter
{
    /// <summary>Prometheus' own remote-write queues send at most 2000 samples per request by default.</summary>
    public const int MaxSamplesPerRequest = 2000;

    /// <summary>
    /// Requests go one after another and samples keep their order: a receiver without an out-of-order window
    /// (Prometheus by default) rejects a sample older than the newest one of its series. Metric family
    /// <paramref name="metadata"/> (type, help, unit), if given, goes in the first request only: it is state, not a sample.
    /// </summary>
    public static async Task SendAsync(HttpClient client, Uri writeUrl, IEnumerable<(Label[] Labels, long TimestampMs, double Value)> samples,
        IEnumerable<MetricMetadata>? metadata = null)
    {
        foreach (var chunk in samples.Chunk(MaxSamplesPerRequest))
        {
            var request = new WriteRequest();
            if (metadata is not null) request.Metadata.AddRange(metadata);
            metadata = null;
            foreach (var series in chunk.GroupBy(s => s.Labels))
            {
                var ts = new TimeSeries();
                ts.Labels.AddRange(series.Key);
                ts.Samples.AddRange(series.Select(s => new Sample { Timestamp = s.TimestampMs, Value = s.Value }));
                request.Timeseries.Add(ts);
            }
            var content = new ByteArrayContent(Snappy.CompressToArray(request.ToByteArray()));
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-protobuf");
            content.Headers.ContentEncoding.Add("snappy");
            using var message = new HttpRequestMessage(HttpMethod.Post, writeUrl) { Content = content };
            message.Headers.Add("X-Prometheus-Remote-Write-Version", "0.1.0");
            using var response = await client.SendAsync(message);
            if (!response.IsSuccessStatusCode)
                throw new InvalidOperationException($"remote write to {writeUrl} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }
}
