using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace Aigaq.Protection;

/// <summary>
/// Receipt codes of anonymous reports (ADR 0025): 16 decimal digits from the operating system's CSPRNG (10^16, about
/// 2^53), shown in four groups of four. Only <see cref="Hash"/> of a code is stored: HMAC-SHA256 under a 32-byte key kept
/// in DataDir/keys/anonymous-receipt.key (mode 600, made at first use; nodes sharing a database share the file), so that
/// a copy of the database alone cannot test a single code.
/// </summary>
public sealed class ReceiptKey : IDisposable
{
    public const string FileName = "anonymous-receipt.key";
    public const int Digits = 16;
    private const int KeySize = 32;

    /// <summary>Separates this key's uses, so that no hash made for one can stand for another.</summary>
    private static readonly byte[] CodeLabel = "aigaq anonymous receipt v1\n"u8.ToArray();
    private static readonly byte[] RequestLabel = "aigaq anonymous request v1\n"u8.ToArray();

    private readonly Lazy<byte[]> _key;

    public ReceiptKey(IOptions<AigaqOptions> options)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetFullPath(options.Value.DataDir), "keys", FileName);
        _key = new Lazy<byte[]>(() => LoadOrCreate(Path), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public string Path { get; }

    /// <summary>A new code, its digits only.</summary>
    public static string NewCode() => RandomNumberGenerator.GetString("0123456789", Digits);

    /// <summary>The code as it is shown: four groups of four digits.</summary>
    public static string Format(string digits) => string.Join(' ', Enumerable.Range(0, Digits / 4).Select(i => digits.Substring(i * 4, 4)));

    /// <summary>The digits of a code as typed (spaces and dashes allowed between them), or null when it is not 16 digits.</summary>
    public static string? Normalize(string? typed)
    {
        if (typed is null || typed.Length > 64)
        {
            return null;
        }

        var digits = new StringBuilder(Digits);
        foreach (var c in typed)
        {
            if (char.IsAsciiDigit(c))
            {
                digits.Append(c);
            }
            else if (c is not (' ' or '-' or '\u00a0'))
            {
                return null;
            }
        }

        return digits.Length == Digits ? digits.ToString() : null;
    }

    /// <summary>The stored form of a code's digits: keyed hash in lowercase hex.</summary>
    public string Hash(string digits) => Keyed(CodeLabel, Encoding.ASCII.GetBytes(digits));

    /// <summary>
    /// What an idempotency record of a public request keeps: a keyed digest of it, since the request holds a receipt code
    /// or an account of torture that a plain digest would let anyone with the database test guesses against.
    /// </summary>
    public string OfRequest(object request) => Keyed(RequestLabel, System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(request, Web.Json.Options));

    /// <summary>Whether two stored hashes are equal, in time that does not depend on where they differ.</summary>
    public static bool Same(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    private string Keyed(byte[] label, byte[] data)
    {
        var message = new byte[label.Length + data.Length];
        label.CopyTo(message, 0);
        data.CopyTo(message, label.Length);
        return Convert.ToHexStringLower(HMACSHA256.HashData(_key.Value, message));
    }

    private static byte[] LoadOrCreate(string path)
    {
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                using var stream = new FileStream(path, options);
                using var writer = new StreamWriter(stream);
                writer.Write(Convert.ToBase64String(RandomNumberGenerator.GetBytes(KeySize)) + "\n");
                writer.Flush();
                stream.Flush(flushToDisk: true);
            }
            catch (IOException) when (File.Exists(path))
            {
                // Another process on the same data folder made it first; use theirs.
            }
        }

        Aigaq.Ledger.KeyFiles.CheckPrivate(path);
        var key = new byte[KeySize];
        if (!Convert.TryFromBase64String(File.ReadAllText(path).Trim(), key, out var written) || written != KeySize)
        {
            throw new InvalidOperationException($"{path} does not hold a {KeySize}-byte key in base64");
        }

        return key;
    }

    public void Dispose()
    {
        if (_key.IsValueCreated)
        {
            CryptographicOperations.ZeroMemory(_key.Value);
        }
    }
}
