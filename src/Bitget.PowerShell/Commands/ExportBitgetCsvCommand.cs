using System.Management.Automation;
using Bitget.Stream.Recording;

namespace Bitget.PowerShell.Commands;

/// <summary>
/// <para type="synopsis">Records Bitget objects (tickers, candles, trades, order books, raw messages, orders, positions,
/// accounts, fills) from the pipeline into culture-proof CSV files.</para>
/// </summary>
[Cmdlet(VerbsData.Export, "BitgetCsv")]
[OutputType(typeof(object))]
public sealed class ExportBitgetCsvCommand : BitgetCmdlet
{
    private const int MaxSkippedTypeNames = 5;

    private CsvFileRecorder? _recorder;
    private string _target = "";
    private long _inputs;
    private long _skipped;
    private readonly Dictionary<string, long> _skippedByType = new(StringComparer.Ordinal);

    // Path and LiteralPath are in no parameter set, as in Export-Csv: with -Daily both may be left out, and sets for every
    // combination leave PowerShell unable to choose one while the pipeline input is still to come. BeginProcessing checks them.

    /// <summary>
    /// The file; wildcards must match exactly one file or folder. With -Daily: a path with {date}, a folder, or a name that
    /// gets _yyyy-MM-dd before its extension (without a path, bitget_data_{date}.csv in the current location).
    /// </summary>
    [Parameter(Position = 0)]
    [ValidateNotNullOrEmpty]
    public string Path { get; set; } = "";

    /// <summary>The file, taken as it is written (no wildcards); as -Path otherwise.</summary>
    [Parameter]
    [Alias("PSPath", "LP")]
    [ValidateNotNullOrEmpty]
    public string LiteralPath { get; set; } = "";

    /// <summary>
    /// The objects to record, all of one type per run. Piped one by one, or a whole collection at once with -InputObject
    /// (each element becomes a row: much faster than the pipeline for a buffer's contents).
    /// </summary>
    [Parameter(Mandatory = true, ValueFromPipeline = true)]
    public PSObject InputObject { get; set; } = null!;

    /// <summary>Add rows to an existing file whose header matches (else an error, and nothing is written).</summary>
    [Parameter]
    public SwitchParameter Append { get; set; }

    /// <summary>One file per UTC date, each row in the file of its own date; always appends to an existing day's file.</summary>
    [Parameter]
    public SwitchParameter Daily { get; set; }

    /// <summary>Create the file's folder (and the folders above it) when it does not exist.</summary>
    [Parameter]
    public SwitchParameter Force { get; set; }

    /// <summary>Pass each input object on down the pipeline after its row is written.</summary>
    [Parameter]
    public SwitchParameter PassThru { get; set; }

    /// <inheritdoc />
    protected override void BeginProcessing()
    {
        var literal = MyInvocation.BoundParameters.ContainsKey(nameof(LiteralPath));
        var path = MyInvocation.BoundParameters.ContainsKey(nameof(Path));
        if (literal && path)
            ThrowPathError("CsvPathAndLiteralPath", "Give either -Path or -LiteralPath, not both.", "Use -LiteralPath for a name with wildcard characters ([ ] * ?), else -Path.");
        if (!literal && !path && !Daily)
            ThrowPathError("CsvPathMissing", "Export-BitgetCsv needs the file to write: -Path (or -LiteralPath), or -Daily for bitget_data_{date}.csv in the current location.", "Add -Path <file>, or -Daily.");
        _target = literal ? Resolve(LiteralPath, literal: true)
            : path ? Resolve(Path, literal: false)
            : Resolve(CsvRecorderOptions.DefaultDailyFileName, literal: true);
        var recorder = new CsvFileRecorder(new CsvRecorderOptions { Path = _target, Append = Append, Daily = Daily, CreateFolders = Force });
        if (!Force && !Directory.Exists(recorder.RequiredFolder))
        {
            recorder.Dispose();
            ThrowTerminatingError(new ErrorRecord(
                new DirectoryNotFoundException($"The folder '{recorder.RequiredFolder}' does not exist, so '{_target}' cannot be written."),
                "CsvFolderNotFound", ErrorCategory.ObjectNotFound, recorder.RequiredFolder)
            {
                ErrorDetails = new ErrorDetails($"The folder '{recorder.RequiredFolder}' does not exist, so '{_target}' cannot be written.")
                {
                    RecommendedAction = "Create the folder first (New-Item -ItemType Directory), or add -Force to create it.",
                },
            });
        }
        _recorder = recorder;
        WriteVerbose(Daily
            ? $"Writing one file a UTC date, '{recorder.PathTemplate}' with {{date}} the date of each row's own time."
            : $"Writing to '{_target}'.");
    }

    private void ThrowPathError(string id, string message, string action) =>
        ThrowTerminatingError(new ErrorRecord(new ArgumentException(message), id, ErrorCategory.InvalidArgument, null)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
        });

    // A file-system path in PowerShell's terms: relative to the current location, drives resolved, wildcards (unless
    // literal) matching exactly one item, as Export-Csv resolves -Path and -LiteralPath.
    private string Resolve(string path, bool literal)
    {
        ProviderInfo provider;
        string resolved;
        try
        {
            if (!literal && WildcardPattern.ContainsWildcardCharacters(path))
            {
                var matches = SessionState.Path.GetResolvedProviderPathFromPSPath(path, out provider);
                RequireFileSystem(provider, path);
                if (matches.Count > 1)
                {
                    ThrowTerminatingError(new ErrorRecord(
                        new ArgumentException($"The path '{path}' matches {matches.Count} files; Export-BitgetCsv writes to one."),
                        "CsvPathMatchesManyFiles", ErrorCategory.InvalidArgument, path)
                    {
                        ErrorDetails = new ErrorDetails($"The path '{path}' matches {matches.Count} files ('{string.Join("', '", matches.Take(3))}'{(matches.Count > 3 ? ", …" : "")}); Export-BitgetCsv writes to one.")
                        {
                            RecommendedAction = "Name one file, or use -LiteralPath for a name with wildcard characters ([ ] * ?).",
                        },
                    });
                }
                if (matches.Count == 0)
                    throw new ItemNotFoundException($"Nothing matches '{path}'.");
                return matches[0];
            }
            resolved = SessionState.Path.GetUnresolvedProviderPathFromPSPath(path, out provider, out _);
        }
        catch (SessionStateException ex) // no such drive, provider or match
        {
            ThrowTerminatingError(new ErrorRecord(ex, "CsvPathNotFound", ErrorCategory.ObjectNotFound, path)
            {
                ErrorDetails = new ErrorDetails($"Cannot write to '{path}': {ex.Message}")
                {
                    RecommendedAction = "Give a file-system path; use -LiteralPath for a name with wildcard characters ([ ] * ?).",
                },
            });
            throw; // not reached
        }
        RequireFileSystem(provider, path);
        return resolved;
    }

    private void RequireFileSystem(ProviderInfo provider, string path)
    {
        if (provider.ImplementingType == typeof(Microsoft.PowerShell.Commands.FileSystemProvider))
            return;
        ThrowTerminatingError(new ErrorRecord(
            new ArgumentException($"'{path}' is a path of the {provider.Name} provider; Export-BitgetCsv writes files."),
            "CsvPathNotFileSystem", ErrorCategory.InvalidArgument, path)
        {
            ErrorDetails = new ErrorDetails($"'{path}' is a path of the {provider.Name} provider; Export-BitgetCsv writes files.")
            {
                RecommendedAction = "Give a file-system path (a drive of the FileSystem provider).",
            },
        });
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
                if (element is not null)
                    WriteRow(element is PSObject ps ? ps.BaseObject : element, element);
            }
        }
        else
            WriteRow(item, InputObject!);
    }

    // Writes one row (or counts what could not be written) and passes the object on.
    private void WriteRow(object item, object passOn)
    {
        var recorder = _recorder!;
        _inputs++;
        var repairedBefore = recorder.RepairedBytes;
        var resumedBefore = recorder.Resumptions;
        try
        {
            recorder.Write(item);
        }
        catch (ArgumentException ex)
        {
            Skip(item, ex);
            return;
        }
        if (recorder.HasFailures)
            ReportFailures(recorder, terminating: !Daily);
        if (recorder.RepairedBytes != repairedBefore)
            WriteWarning($"Removed a row cut short by an earlier crash ({recorder.RepairedBytes - repairedBefore} bytes) from the end of '{recorder.CurrentPath}' before appending.");
        if (recorder.Resumptions != resumedBefore && recorder.CurrentPath is { } path)
            WriteWarning($"Writing to '{path}' again; {recorder.NotWrittenByFile.GetValueOrDefault(path)} row(s) for it could not be written before.");
        if (PassThru)
            WriteObject(passOn);
    }

    // One error for the first object that cannot be recorded (no CSV format, or another type than the recording's);
    // the rest are counted and summed up at the end, so a wrong pipeline gives one error, not one per object.
    private void Skip(object item, ArgumentException ex)
    {
        _skipped++;
        var type = item.GetType().FullName ?? item.GetType().Name;
        if (_skippedByType.Count < MaxSkippedTypeNames || _skippedByType.ContainsKey(type))
            _skippedByType[type] = _skippedByType.GetValueOrDefault(type) + 1;
        if (_skipped > 1)
            return;
        var recording = _recorder!.Format;
        var (message, action) = recording is null
            ? ($"Export-BitgetCsv has no CSV columns for {type} objects; it writes {CsvRowFormats.TypeNames} objects (from the Receive-Bitget* and Get-BitgetTicker commands). This object and any further one it cannot write are skipped.",
               "Pipe the module's objects themselves (not Select-Object or Format-* output); use Export-Csv for other objects.")
            : ($"This recording writes {recording.ItemType.Name} rows (the type of its first object); a {type} cannot go into the same file. This object and any further one of another type are skipped.",
               "Use one Export-BitgetCsv per type, each with its own file, e.g. ... | Where-Object { $_ -is [Bitget.Stream.Models.BitgetTicker] } | Export-BitgetCsv tickers.csv.");
        WriteError(new ErrorRecord(ex, "CsvUnsupportedInput", ErrorCategory.InvalidType, item)
        {
            ErrorDetails = new ErrorDetails(message) { RecommendedAction = action },
        });
    }

    private void ReportFailures(CsvFileRecorder recorder, bool terminating)
    {
        foreach (var failure in recorder.TakeFailures())
        {
            var record = FailureRecord(failure);
            if (terminating)
                ThrowTerminatingError(record);
            WriteError(record);
        }
    }

    private ErrorRecord FailureRecord(CsvFileUnavailableException failure)
    {
        var cause = failure.InnerException ?? failure;
        var daily = Daily
            ? $" The recording goes on: rows for this file are counted as not written, and it is tried again every {(int)CsvRecorderOptions.DefaultRetryInterval.TotalSeconds} s while rows for it arrive."
            : "";
        var (id, category, action) = failure.IsHeaderMismatch
            ? ("CsvHeaderMismatch", ErrorCategory.InvalidData,
               Daily ? "Move or rename the file (a -Daily recording always appends), or record into another folder."
                     : "Write to another file, or drop -Append to replace the file.")
            : ("CsvWriteFailed", ErrorCategory.WriteError,
               "Check that the file is not open in another program (Excel locks the files it opens), not read-only, and that the disk has room.");
        return new ErrorRecord(cause, id, category, failure.Path)
        {
            ErrorDetails = new ErrorDetails(cause.Message + daily) { RecommendedAction = action },
        };
    }

    /// <inheritdoc />
    protected override void EndProcessing()
    {
        if (_recorder is not { } recorder)
            return;
        recorder.Dispose();
        if (recorder.HasFailures)
            ReportFailures(recorder, terminating: false);
        if (recorder.RowsNotWritten > 0)
        {
            var files = recorder.NotWrittenByFile.Select(f => $"'{f.Key}' ({f.Value})");
            WriteWarning($"{recorder.RowsNotWritten} row(s) could not be written: {string.Join(", ", files)}. See the errors for why.");
        }
        if (_skipped > 0)
        {
            var types = string.Join(", ", _skippedByType.Select(t => $"{t.Value} {t.Key}"));
            WriteWarning($"Skipped {_skipped} input object(s) that could not be written: {types}{(_skippedByType.Values.Sum() < _skipped ? ", …" : "")}. See the CsvUnsupportedInput error.");
        }
        WriteVerbose(Summary(recorder));
    }

    private string Summary(CsvFileRecorder recorder)
    {
        var untouched = Daily ? $"no daily file ('{recorder.PathTemplate}') was created or changed" : $"'{_target}' was not created or changed";
        if (recorder.Rows == 0 && recorder.Files.Count == 0)
        {
            if (_inputs == 0)
                return $"No rows were written: there was no input, so {untouched}.";
            return $"No rows were written: none of the {_inputs} input object(s) could be written (see the errors), so {untouched}.";
        }
        var notWritten = recorder.RowsNotWritten > 0 ? $" {recorder.RowsNotWritten} row(s) could not be written (see the warning)." : "";
        return $"Wrote {recorder.Rows} row(s) to '{string.Join("', '", recorder.Files)}'.{notWritten}";
    }

    /// <inheritdoc />
    protected override void ReleaseResources()
    {
        // Ctrl+C or a downstream stop: every whole row written so far reaches the file. A failure now has no one to tell.
        _recorder?.Dispose();
    }
}
