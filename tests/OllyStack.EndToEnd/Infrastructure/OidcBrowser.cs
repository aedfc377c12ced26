using System.Net;
using System.Text.RegularExpressions;

namespace OllyStack.EndToEnd.Infrastructure;

/// <summary>
/// A browserless user agent for the test OpenID provider: one cookie jar, redirects followed by hand, the provider's
/// login form filled and posted. The jar keeps the provider's session (a second login is single sign-on) and whatever
/// cookies a relying party sets, so the caller can go on against the relying party with <see cref="Http"/>.
/// </summary>
internal sealed partial class OidcBrowser : IDisposable
{
    private const int MaxSteps = 20;
    private readonly string _provider;

    public OidcBrowser(string issuer)
    {
        _provider = new Uri(issuer).GetLeftPart(UriPartial.Authority);
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = true, CookieContainer = Cookies });
    }

    public CookieContainer Cookies { get; } = new();

    /// <summary>Shares <see cref="Cookies"/> and follows no redirects.</summary>
    public HttpClient Http { get; }

    /// <summary>
    /// Opens <paramref name="authorizationRequest"/> (the provider's authorization URL, or a relying party URL that
    /// redirects there), signs in, and returns the first redirect that leaves the provider — the relying party's
    /// redirect_uri with code and state (or error) — without requesting it. Query response mode only.
    /// </summary>
    /// <exception cref="OidcLoginRejectedException">The provider showed the form again: wrong login or password.</exception>
    public async Task<Uri> LoginAsync(Uri authorizationRequest, string login, string password)
    {
        var url = authorizationRequest;
        var reachedProvider = false;
        HttpContent? form = null;
        for (var step = 0; step < MaxSteps; step++)
        {
            reachedProvider |= IsProvider(url);
            var posted = form is not null;
            using var response = form is null ? await Http.GetAsync(url) : await Http.PostAsync(url, form);
            form = null;
            if ((int)response.StatusCode is >= 300 and < 400 && response.Headers.Location is { } location)
            {
                var next = new Uri(url, location);
                if (reachedProvider && !IsProvider(next)) return next;
                url = next;
                continue;
            }
            var page = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.OK || !IsProvider(url) || !page.Contains("name=\"password\"", StringComparison.Ordinal))
                throw new InvalidOperationException($"expected a redirect or the login form, got {(int)response.StatusCode} from {url}:\n{page}");
            if (posted) throw new OidcLoginRejectedException(ErrorOf(page));
            (url, form) = FilledForm(url, page, login, password);
        }
        throw new InvalidOperationException($"no redirect out of the provider after {MaxSteps} steps, last at {url}");
    }

    public void Dispose() => Http.Dispose();

    private bool IsProvider(Uri url) => url.GetLeftPart(UriPartial.Authority) == _provider;

    /// <summary>The login form's action and its inputs, login and password filled in (hidden inputs kept as they are).</summary>
    private static (Uri Action, HttpContent Form) FilledForm(Uri page, string html, string login, string password)
    {
        var action = FormAction().Match(html);
        if (!action.Success) throw new InvalidOperationException($"no form on the login page {page}:\n{html}");
        var fields = new List<KeyValuePair<string, string>>();
        foreach (Match input in Input().Matches(html))
        {
            var name = WebUtility.HtmlDecode(Attribute(input.Value, "name"));
            if (name is null) continue;
            var value = name switch { "login" => login, "password" => password, _ => WebUtility.HtmlDecode(Attribute(input.Value, "value") ?? "") };
            fields.Add(new(name, value));
        }
        return (new Uri(page, WebUtility.HtmlDecode(action.Groups[1].Value)), new FormUrlEncodedContent(fields));
    }

    private static string? Attribute(string tag, string name)
    {
        var match = Regex.Match(tag, $"\\b{name}=\"([^\"]*)\"");
        return match.Success ? match.Groups[1].Value : null;
    }

    private static string ErrorOf(string html)
    {
        var error = ErrorParagraph().Match(html);
        return error.Success ? WebUtility.HtmlDecode(error.Groups[1].Value) : "the login form came back without an error message";
    }

    [GeneratedRegex("<form\\b[^>]*\\baction=\"([^\"]*)\"")]
    private static partial Regex FormAction();

    [GeneratedRegex("<input\\b[^>]*>")]
    private static partial Regex Input();

    [GeneratedRegex("<p class=\"error\">([^<]*)</p>")]
    private static partial Regex ErrorParagraph();
}

/// <summary>The provider answered a login with its form again, showing <see cref="Exception.Message"/>.</summary>
internal sealed class OidcLoginRejectedException(string message) : Exception(message);
