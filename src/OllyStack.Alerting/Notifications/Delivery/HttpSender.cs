using System.Net;
using System.Net.Http.Headers;
using OllyStack.Alerting.Notifications.Configuration;

namespace OllyStack.Alerting.Notifications.Delivery;

/// <summary>
/// Posts JSON for every HTTP integration over two shared connection pools (following redirects or not). Failures are
/// classified for retrying; error texts never include the URL, which often holds a secret token.
/// </summary>
public sealed class HttpSender(TimeProvider time) : IDisposable
{
    private const int MaxErrorBodyChars = 512;

    private readonly HttpClient _following = Create(followRedirects: true);
    private readonly HttpClient _notFollowing = Create(followRedirects: false);

    public async Task PostJsonAsync(Uri url, byte[] body, HttpClientConfig config, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = new CancellationTokenSource(timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.UserAgent.ParseAdd("OllyStack-Alerting/1");
        if (config.Authorization is { } authorization) request.Headers.TryAddWithoutValidation("Authorization", authorization);
        try
        {
            var client = config.FollowRedirects ? _following : _notFollowing;
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            if (response.IsSuccessStatusCode) return;
            var text = await response.Content.ReadAsStringAsync(linked.Token);
            if (text.Length > MaxErrorBodyChars) text = text[..MaxErrorBodyChars] + "...";
            var status = (int)response.StatusCode;
            throw new DeliveryException($"unexpected status code {status}: {text}", IsRetryable(response.StatusCode));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryException($"no answer within {timeout.TotalSeconds:0.###}s", retryable: true);
        }
        catch (HttpRequestException e)
        {
            throw new DeliveryException(e.InnerException?.Message ?? e.Message, retryable: true);
        }
    }

    public void Dispose()
    {
        _following.Dispose();
        _notFollowing.Dispose();
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        (int)status >= 500 || status is HttpStatusCode.TooManyRequests or HttpStatusCode.RequestTimeout;

    private static HttpClient Create(bool followRedirects) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = followRedirects,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    })
    {
        // Each request carries its own deadline (the integration's timeout, measured on the TimeProvider).
        Timeout = Timeout.InfiniteTimeSpan,
    };
}
