using Aigaq.Ledger;
using Microsoft.Extensions.Options;

namespace Aigaq.TransparencyLog;

/// <summary>
/// The log's Ed25519 signing key, kept as signer-key text with file mode 600 in DataDir/keys/log-signer.key, or in the
/// file <c>Aigaq:Ledger:KeyFile</c> names (outside the data folder, so that a copy of the data is no copy of the key).
/// The first start generates it; nodes that share a database must share this file. A key file that others may read or
/// write is refused (<see cref="KeyFiles.CheckPrivate"/>), at start and whenever the key is read.
/// </summary>
public sealed class LedgerKeys : IDisposable
{
    public const string FileName = "log-signer.key";
    private readonly Lazy<NoteSigner> _signer;

    public LedgerKeys(IOptions<AigaqOptions> options)
    {
        var o = options.Value;
        Origin = o.Ledger.Origin;
        KeyPath = PathOf(o);
        _signer = new Lazy<NoteSigner>(() => LoadOrCreate(KeyPath, Origin), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>Where the options keep the key: <c>Aigaq:Ledger:KeyFile</c>, else DataDir/keys/log-signer.key.</summary>
    public static string PathOf(AigaqOptions o) =>
        o.Ledger.KeyFile is { Length: > 0 } file ? Path.GetFullPath(file) : Path.Combine(Path.GetFullPath(o.DataDir), "keys", FileName);

    public string Origin { get; }
    public string KeyPath { get; }
    public NoteSigner Signer => _signer.Value;
    public NoteVerifier Verifier => Signer.Verifier;

    /// <summary>Reads the key file, or creates it when there is none; a key named other than the origin is refused.</summary>
    public static NoteSigner LoadOrCreate(string path, string origin)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            using var generated = NoteSigner.Generate(origin);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(path, options);
                using var writer = new StreamWriter(stream);
                writer.Write(generated.SignerKey + "\n");
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process on the same data directory made it first; use theirs.
            }
        }

        KeyFiles.CheckPrivate(path);
        var signer = NoteSigner.Parse(File.ReadAllText(path).Trim());
        if (!string.Equals(signer.Name, origin, StringComparison.Ordinal))
        {
            var name = signer.Name;
            signer.Dispose();
            throw new InvalidOperationException($"The log key in {path} is named '{name}', but Aigaq:Ledger:Origin is '{origin}'.");
        }

        return signer;
    }

    /// <summary>Reads an existing key only (for the audit), or null when there is none.</summary>
    public NoteVerifier? ExistingVerifier() => File.Exists(KeyPath) ? Verifier : null;

    public void Dispose()
    {
        if (_signer.IsValueCreated)
        {
            _signer.Value.Dispose();
        }
    }
}

/// <summary>At start (with the options' other checks): the log's key file, if there is one yet, is private to its owner.</summary>
internal sealed class LedgerKeyFileCheck : IValidateOptions<AigaqOptions>
{
    public ValidateOptionsResult Validate(string? name, AigaqOptions options)
    {
        try
        {
            KeyFiles.CheckPrivate(LedgerKeys.PathOf(options));
            return ValidateOptionsResult.Success;
        }
        catch (InvalidOperationException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }
    }
}
