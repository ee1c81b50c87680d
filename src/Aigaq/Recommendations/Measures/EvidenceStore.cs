using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace Aigaq.Recommendations;

/// <summary>The <c>Aigaq:Recommendations</c> section's limit on a measure's evidence file, in bytes.</summary>
public sealed class MeasureEvidenceOptions
{
    public long MaxEvidenceBytes { get; set; } = 25 * 1024 * 1024;
}

/// <summary>
/// Measures' evidence files by content, as the examination photographs are kept (ADR 0027):
/// <c>DataDir/recommendations/evidence/&lt;sha256&gt;</c>, written whole (a private temporary file, flushed, renamed),
/// readable by this account only, and checked against its name on every read.
/// </summary>
public sealed class EvidenceStore(IOptions<AigaqOptions> options)
{
    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public string Root => Path.Combine(Path.GetFullPath(options.Value.DataDir), "recommendations", "evidence");

    /// <summary>Stores the file; <c>Written</c> is false when the same bytes were already there, intact.</summary>
    public async Task<bool> SaveAsync(byte[] bytes, string sha256, CancellationToken ct)
    {
        var path = PathOf(sha256);
        if (await ReadAsync(sha256, ct) is not null)
        {
            return false;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Root);
        }
        else
        {
            Directory.CreateDirectory(Root, OwnerOnly | UnixFileMode.UserExecute);
        }

        if (File.Exists(path))
        {
            // What was found under the name no longer matches it: kept beside, as evidence of the change.
            File.Move(path, path + ".altered-" + Guid.NewGuid().ToString("N"));
        }

        var temporary = Path.Combine(Root, "." + sha256 + "." + Guid.NewGuid().ToString("N") + ".tmp");
        try
        {
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Options = FileOptions.Asynchronous };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = OwnerOnly;
            }

            await using (var file = new FileStream(temporary, create))
            {
                await file.WriteAsync(bytes, ct);
                file.Flush(flushToDisk: true);
            }

            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            File.Delete(temporary);
        }

        return true;
    }

    public void Remove(string sha256) => File.Delete(PathOf(sha256));

    /// <summary>The file's bytes when it is there and hashes to its name; null when missing or altered.</summary>
    public async Task<byte[]?> ReadAsync(string sha256, CancellationToken ct)
    {
        try
        {
            var bytes = await File.ReadAllBytesAsync(PathOf(sha256), ct);
            return Convert.ToHexStringLower(SHA256.HashData(bytes)) == sha256 ? bytes : null;
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            return null;
        }
    }

    private string PathOf(string sha256) =>
        sha256.Length == 64 && sha256.All(char.IsAsciiHexDigitLower)
            ? Path.Combine(Root, sha256)
            : throw new ArgumentException("Not a SHA-256 in lower-case hex.", nameof(sha256));
}
