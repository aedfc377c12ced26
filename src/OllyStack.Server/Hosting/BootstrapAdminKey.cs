using OllyStack.Core.Admission;
using OllyStack.ControlPlane;
using OllyStack.ControlPlane.Audit;

namespace OllyStack.Server.Hosting;

/// <summary>
/// On the very first start (no key exists yet) creates an admin key for the default tenant, writes it to
/// <c>&lt;data-dir&gt;/bootstrap-admin.key</c> readable only by the owner, and prints it once.
/// </summary>
public static class BootstrapAdminKey
{
    public const string FileName = "bootstrap-admin.key";

    public static void EnsureCreated(ControlPlaneService controlPlane, string dataDir, TextWriter output)
    {
        if (controlPlane.HasAnyKey) return;
        var created = controlPlane.CreateKey(ControlPlaneService.OperatorTenant, "bootstrap-admin", KeyScopes.All, null, AuditActor.System);
        var path = Path.Combine(dataDir, FileName);
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Options = FileOptions.WriteThrough };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var writer = new StreamWriter(path, System.Text.Encoding.ASCII, options))
            writer.WriteLine(created.Key);
        output.WriteLine($"Created the admin API key for tenant '{ControlPlaneService.OperatorTenant}' (shown once; also saved to {path}):");
        output.WriteLine();
        output.WriteLine($"    {created.Key}");
        output.WriteLine();
    }
}
