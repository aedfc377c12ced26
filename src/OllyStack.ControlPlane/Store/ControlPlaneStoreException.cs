namespace OllyStack.ControlPlane.Store;

/// <summary>
/// The control-plane store cannot be opened: its database is unreachable, refuses the login, or holds something this
/// ollystack cannot use. The message names where it looked and what to do; nothing was changed.
/// </summary>
public sealed class ControlPlaneStoreException(string message, Exception? inner = null) : Exception(message, inner);
