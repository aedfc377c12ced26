namespace OllyStack.ControlPlane;

/// <summary>How passwords are hashed and how long sign-in sessions last.</summary>
public sealed record IdentityOptions
{
    /// <summary>PBKDF2 iterations for new hashes; a login re-hashes a password stored with fewer.</summary>
    public int PasswordIterations { get; init; } = Users.PasswordHash.DefaultIterations;

    /// <summary>A session unused this long ends.</summary>
    public TimeSpan SessionIdleTimeout { get; init; } = TimeSpan.FromHours(12);

    /// <summary>A session ends this long after sign-in however much it is used.</summary>
    public TimeSpan SessionLifetime { get; init; } = TimeSpan.FromDays(7);
}
