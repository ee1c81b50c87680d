using Aigaq.Ledger;
using Microsoft.Extensions.Options;

namespace Aigaq.TransparencyLog;

/// <summary>
/// The log's Ed25519 signing key, kept in DataDir/keys/log-signer.key as signer-key text with file
/// mode 600. The first start generates it; nodes that share a database must share this file.
/// </summary>
public sealed class LedgerKeys : IDisposable
{
    public const string FileName = "log-signer.key";
    private readonly Lazy<NoteSigner> _signer;

    public LedgerKeys(IOptions<AigaqOptions> options)
    {
        var o = options.Value;
        Origin = o.Ledger.Origin;
        KeyPath = Path.Combine(Path.GetFullPath(o.DataDir), "keys", FileName);
        _signer = new Lazy<NoteSigner>(() => LoadOrCreate(KeyPath, Origin), LazyThreadSafetyMode.ExecutionAndPublication);
    }

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
