using System.Management.Automation;

namespace Bitget.PowerShell;

/// <summary>
/// Closes the runspace's sessions, sockets and jobs, then stops its mock exchanges, when the module is removed
/// (Remove-Module), since the assembly itself stays loaded.
/// </summary>
public sealed class BitgetModuleLifecycle : IModuleAssemblyCleanup
{
    /// <inheritdoc />
    public void OnRemove(PSModuleInfo psModuleInfo)
    {
        Sessions.RunspaceSessionRegistry.Existing?.CloseAll();
        Sessions.RunspaceMockRegistry.Existing?.StopAll();
    }
}
