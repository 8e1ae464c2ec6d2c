namespace Bitget.PowerShell;

/// <summary>An action job the registering cmdlet starts once it has handed it to the job repository and the session.</summary>
internal interface IActionJob
{
    /// <summary>Starts running the action for queued and future items.</summary>
    void Start();
}
