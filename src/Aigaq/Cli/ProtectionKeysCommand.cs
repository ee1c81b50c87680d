using System.CommandLine;
using Aigaq.Protection;

namespace Aigaq.Cli;

/// <summary>
/// <c>aigaq protection keys --index-key-file FILE</c>: makes what ADR 0022 asks an operator to configure before protected
/// persons can be registered: a blind-index key in a file of its own (mode 600, never overwritten) and an offline recovery
/// key, whose public half goes into the configuration and whose private half is printed once, to be kept off the server.
/// </summary>
internal static class ProtectionKeysCommand
{
    public static Command Create()
    {
        var file = new Option<string>("--index-key-file")
        {
            HelpName = "FILE",
            Description = "Where to write the new blind-index key (outside the data folder and its backups); an existing file is never overwritten.",
            Required = true,
        };
        var keys = new Command(
            "keys",
            "Writes a new blind-index key to FILE (mode 600) and prints a new recovery key: the line for "
            + "Aigaq:Protection:RecoveryPublicKey, then the private half, to be printed or written down and kept offline.")
        {
            file,
        };
        keys.SetAction(parsed => AigaqCli.StandaloneAsync(parsed, _ => Task.FromResult(Run(parsed.GetRequiredValue(file)))));
        return keys;
    }

    private static int Run(string file)
    {
        var path = Path.GetFullPath(file);
        if (File.Exists(path))
        {
            return AigaqCli.Fail($"--index-key-file {file}: exists; a blind-index key is never replaced, since every index depends on it");
        }

        var key = BlindIndex.NewKey();
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        var recovery = RecoveryKey.Generate();
        Console.Out.WriteLine($"Aigaq:Protection:BlindIndexKeyFile={path}");
        Console.Out.WriteLine($"Aigaq:Protection:RecoveryPublicKey={recovery.PublicText}");
        Console.Out.WriteLine();
        Console.Out.WriteLine("The recovery key's private half follows. Whoever holds it can open every protected identity: print it or write");
        Console.Out.WriteLine("it down, keep it offline in a safe, and do not store it on this machine. It is not shown again.");
        Console.Out.WriteLine(recovery.PrivateText);
        return 0;
    }
}
