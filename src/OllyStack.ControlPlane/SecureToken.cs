using System.Buffers.Text;
using System.Security.Cryptography;

namespace OllyStack.ControlPlane;

/// <summary>
/// 256 random bits as 43 base64url characters: session and CSRF tokens, and the OpenID Connect state, nonce and PKCE
/// verifier (RFC 7636 asks for 43 to 128 characters).
/// </summary>
public static class SecureToken
{
    public const int Length = 43;

    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
