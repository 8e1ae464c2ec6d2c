using System.Management.Automation;
using Bitget.Stream.Recording;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Records Bitget objects (tickers, …) from the pipeline into a culture-proof CSV file.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "BitgetCsv", DefaultParameterSetName = FileParameterSet)]
[OutputType(typeof(object))]
public sealed class ExportBitgetCsvCommand : BitgetCmdlet
{
    private const string FileParameterSet = "File";
    private const string DailyParameterSet = "Daily";

    private CsvFileRecorder? _recorder;
    private string _target = "";

    /// <summary>
    /// The file. With -Daily: a path with {date}, a folder, or a name that gets _yyyy-MM-dd before its extension
    /// (default bitget_data_{date}.csv in the current folder).
    /// </summary>
    [Parameter(ParameterSetName = FileParameterSet, Mandatory = true, Position = 0)]
    [Parameter(ParameterSetName = DailyParameterSet, Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>
    /// The objects to record (BitgetTicker, …), all of one type per file. Piped one by one, or a whole collection at once
    /// with -InputObject (each element becomes a row: much faster than the pipeline for a buffer's contents).
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject InputObject { get; set; } = null!;

    /// <summary>Add rows to an existing file whose header matches (else an error, and nothing is written).</summary>
    [Parameter]
    public SwitchParameter Append { get; set; }

    /// <summary>One file per UTC date, switching at midnight UTC.</summary>
    [Parameter(ParameterSetName = DailyParameterSet, Mandatory = true)]
    public SwitchParameter Daily { get; set; }

    /// <summary>Pass each input object on down the pipeline after its row is written.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var path = string.IsNullOrEmpty(Path) ? CsvRecorderOptions.DefaultDailyFileName : Path;
        // Relative to PowerShell's current location, not the process's.
        _target = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path);
        _recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = _target, Append = Append, Daily = Daily });
    }

    /// <inheritdoc />
    protected override void ProcessRecord()
    {
        var item = InputObject?.BaseObject;
        if (item is null)
            return;
        if (item is System.Collections.IEnumerable items and not string)
        {
            foreach (var element in items)
            {
                if (element is not null && !WriteRow(element is PSObject ps ? ps.BaseObject : element, element))
                    break;
            }
        }
        else
            WriteRow(item, InputObject!);
    }

    // Writes one row and passes the object on; false when the input cannot be recorded.
    private bool WriteRow(object item, object passOn)
    {
        var recorder = _recorder!;
        var repairedBefore = recorder.RepairedBytes;
        try
        {
            recorder.Write(item);
        }
        catch (CsvHeaderMismatchException ex)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "CsvHeaderMismatch", ErrorCategory.InvalidData, ex.Path)
            {
                ErrorDetails = new ErrorDetails(ex.Message)
                {
                    RecommendedAction = "Write to another file, or drop -Append to replace the file.",
                },
            });
        }
        catch (ArgumentException ex)
        {
            WriteError(new ErrorRecord(ex, "CsvUnsupportedInput", ErrorCategory.InvalidType, item));
            return false;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "CsvWriteFailed", ErrorCategory.WriteError, recorder.CurrentPath ?? _target));
        }
        if (recorder.RepairedBytes != repairedBefore)
            WriteWarning($"Removed a row cut short by an earlier crash ({recorder.RepairedBytes - repairedBefore} bytes) from the end of '{recorder.CurrentPath}' before appending.");
        if (PassThru)
            WriteObject(passOn);
        return true;
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        try
        {
            _recorder?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            ThrowTerminatingError(new ErrorRecord(ex, "CsvWriteFailed", ErrorCategory.WriteError, _recorder?.CurrentPath ?? _target));
        }
        if (_recorder is { } recorder)
            WriteVerbose($"Wrote {recorder.Rows} row(s) to {string.Join(", ", recorder.Files)}.");
    }

    /// <inheritdoc />
    protected override void ReleaseResources()
    {
        // Ctrl+C or a downstream stop: every whole row written so far reaches the file.
        try
        {
            _recorder?.Dispose();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Nowhere left to report it; the rows flushed before remain.
        }
    }
}
