namespace OllyStack.ControlPlane;

/// <summary>
/// A sign-in that does not let its holder in: a wrong password, or a genuine credential naming a tenant or role that
/// does not exist, a disabled user, a suspended tenant. The message may be shown to the holder; for passwords it says
/// no more than that the sign-in failed, so it does not tell which user names exist.
/// </summary>
public sealed class SignInRefusedException(string message) : Exception(message);
