using System.Management.Automation;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;

namespace Bitget.PowerShell;

/// <summary>
/// The module's own AssemblyLoadContext: Bitget.Stream and every third-party assembly it uses (Websocket.Client,
/// System.Reactive, CsvHelper, ...) load from the module's <c>deps</c> folder into it, so that another module's version
/// of one of them in pwsh's default context neither breaks this module nor is broken by it. Only the cmdlets
/// (Bitget.dll) are in the default context; the default context finds Bitget.Stream through <see cref="Install"/>'s
/// resolver and nothing else of ours. This is the pattern of PowerShell's guidance on assembly dependency conflicts.
/// </summary>
internal sealed class BitgetLoadContext : AssemblyLoadContext
{
    /// <summary>The folder beside Bitget.dll that holds Bitget.Stream.dll and its dependencies.</summary>
    public const string FolderName = "deps";

    /// <summary>The assembly of the folder that the default context may ask for: the core, which the cmdlets use.</summary>
    public const string CoreAssemblyName = "Bitget.Stream";

    /// <summary>The other one: the mock exchange, which Start-BitgetMockExchange runs (it uses nothing but the framework).</summary>
    public const string MockAssemblyName = "Bitget.MockExchange";

    private static readonly object s_gate = new();
    private static BitgetLoadContext? s_instance;

    private readonly string _folder;

    private BitgetLoadContext(string folder)
        : base("Bitget", isCollectible: false)
    {
        _folder = folder;
    }

    /// <summary>
    /// Creates the context once per process and hooks it into the default context; later imports (other runspaces,
    /// Import-Module -Force after Remove-Module) find it in place, since Bitget.dll stays loaded and bound to it.
    /// Called by the nested module Bitget.LoadContext.psm1, which the manifest imports before Bitget.dll: PowerShell
    /// reads the cmdlets' types, which refer to Bitget.Stream, before an IModuleAssemblyInitializer would run.
    /// </summary>
    public static void Install()
    {
        lock (s_gate)
        {
            if (s_instance is not null)
                return;
            var folder = Path.Join(Path.GetDirectoryName(typeof(BitgetLoadContext).Assembly.Location), FolderName);
            var context = new BitgetLoadContext(folder);
            Default.Resolving += context.ResolveCore;
            s_instance = context;
            AddTypeAccelerators(CoreAssemblyOfTheCmdlets());
        }
    }

    /// <summary>What the folder has comes from it; the rest (the framework: System.Text.Json, ...) from the default context.</summary>
    protected override Assembly? Load(AssemblyName assemblyName)
    {
        var path = Path.Join(_folder, assemblyName.Name + ".dll");
        return File.Exists(path) ? LoadFromAssemblyPath(path) : null;
    }

    // Raised only for what the default context cannot find itself: the cmdlets' (and a user's Add-Type's) reference to
    // Bitget.Stream, and the mock cmdlets' to Bitget.MockExchange. The third-party assemblies are never handed out, so
    // the default context keeps whatever versions other modules load.
    private Assembly? ResolveCore(AssemblyLoadContext defaultContext, AssemblyName assemblyName) =>
        string.Equals(assemblyName.Name, CoreAssemblyName, StringComparison.Ordinal)
        || string.Equals(assemblyName.Name, MockAssemblyName, StringComparison.Ordinal)
            ? LoadFromAssemblyName(assemblyName)
            : null;

    // The Bitget.Stream the cmdlets are bound to: ours from deps/ through ResolveCore, unless the process had one in its
    // default context already (an application that references Bitget.Stream and hosts PowerShell, or a script that ran
    // Add-Type -Path on it), which the cmdlets then use; either way the type names below name the cmdlets' types. A
    // method of its own, not inlined, so that Bitget.Stream is bound only when it runs, after ResolveCore is hooked in.
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static Assembly CoreAssemblyOfTheCmdlets() => typeof(global::Bitget.Stream.Models.BitgetTicker).Assembly;

    // PowerShell resolves type names ([Bitget.Stream.Models.BitgetTicker], catch [...], -as [type]) only in the default
    // context's assemblies, so each public type of Bitget.Stream is made known under its full name, as about_Classes
    // shows for exporting types ("Exporting classes with type accelerators"). They stay for the process, as the types of
    // a binary module in the default context stay resolvable after Remove-Module (and other runspaces still use them).
    private static void AddTypeAccelerators(Assembly core)
    {
        var accelerators = typeof(PSObject).Assembly.GetType("System.Management.Automation.TypeAccelerators")
            ?? throw new InvalidOperationException("This PowerShell has no System.Management.Automation.TypeAccelerators: Bitget's types cannot be named in scripts.");
        var add = accelerators.GetMethod("Add", BindingFlags.Public | BindingFlags.Static, [typeof(string), typeof(Type)])
            ?? throw new InvalidOperationException("This PowerShell's TypeAccelerators has no Add(string, Type): Bitget's types cannot be named in scripts.");
        foreach (var type in core.GetExportedTypes())
            add.Invoke(null, [type.FullName, type]);
    }
}
