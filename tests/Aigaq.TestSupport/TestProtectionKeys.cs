using Aigaq.Protection;

namespace Aigaq.TestSupport;

/// <summary>
/// One recovery key pair and one blind-index key file for the test process, as an operator would configure them: the
/// recovery key's private half kept by the test (offline, for the server), the index key in a file of its own (mode 600),
/// outside every host's data folder.
/// </summary>
public static class TestProtectionKeys
{
    private static readonly Lazy<(RecoveryKeyPair Recovery, string IndexFile)> Keys = new(() =>
    {
        var folder = Path.Combine(Path.GetTempPath(), "aigaq-test-keys-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "blind-index.key");
        File.WriteAllText(file, Convert.ToBase64String(BlindIndex.NewKey()));
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return (RecoveryKey.Generate(), file);
    });

    /// <summary>The recovery key's private half, which no server holds.</summary>
    public static string RecoveryPrivate => Keys.Value.Recovery.PrivateText;

    public static string IndexKeyFile => Keys.Value.IndexFile;

    /// <summary>The settings every test host gets unless it sets its own.</summary>
    public static IEnumerable<KeyValuePair<string, string?>> Settings =>
    [
        new("Aigaq:Protection:RecoveryPublicKey", Keys.Value.Recovery.PublicText),
        new("Aigaq:Protection:BlindIndexKeyFile", Keys.Value.IndexFile),
    ];
}
