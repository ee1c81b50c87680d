using System.CommandLine;
using Aigaq.Protection;

namespace Aigaq.Cli;

/// <summary>
/// The keys ADR 0022 asks an operator to configure before protected persons can be registered, made where each belongs:
/// <c>aigaq protection index-key --file FILE</c> on the server (a blind-index key in a file of its own, mode 600, never
/// overwritten), and <c>aigaq protection recovery-key</c> on an offline machine (the recovery key's public half for the
/// configuration, and its private half, printed once, to be kept off the server).
/// </summary>
internal static class ProtectionKeysCommand
{
    public static Command Create() => new("protection", "Protection of people who report: its keys (ADR 0022).") { IndexKey(), RecoveryKeyCommand() };

    /// <summary>The protection commands, with those that need the application host (ADR 0024's erasure).</summary>
    public static Command Create(HostFactory host)
    {
        var command = Create();
        command.Subcommands.Add(ProtectionEraseExpiredCommand.Create(host));
        return command;
    }

    private static Command IndexKey()
    {
        var file = new Option<string>("--file")
        {
            HelpName = "FILE",
            Description = "Where to write the new blind-index key (outside the data folder and its backups); an existing file is never overwritten.",
            Required = true,
        };
        var command = new Command(
            "index-key",
            "On the server: writes a new blind-index key to FILE (mode 600) and prints the line for Aigaq:Protection:BlindIndexKeyFile.")
        {
            file,
        };
        command.SetAction(parsed => AigaqCli.StandaloneAsync(parsed, _ => Task.FromResult(WriteIndexKey(parsed.GetRequiredValue(file)))));
        return command;
    }

    private static Command RecoveryKeyCommand()
    {
        var command = new Command(
            "recovery-key",
            "On an offline machine, never the server: prints a new recovery key, the line for Aigaq:Protection:RecoveryPublicKey "
            + "and then the private half, to be printed or written down and kept offline.");
        command.SetAction(parsed => AigaqCli.StandaloneAsync(parsed, _ =>
        {
            var recovery = RecoveryKey.Generate();
            Console.Out.WriteLine($"Aigaq:Protection:RecoveryPublicKey={recovery.PublicText}");
            Console.Out.WriteLine();
            Console.Out.WriteLine("The private half follows. Whoever holds it can open every protected identity: print it or write it down,");
            Console.Out.WriteLine("keep it in a safe, and clear this screen. It is not shown again.");
            Console.Out.WriteLine(recovery.PrivateText);
            return Task.FromResult(0);
        }));
        return command;
    }

    private static int WriteIndexKey(string file)
    {
        var path = Path.GetFullPath(file);
        if (File.Exists(path))
        {
            return AigaqCli.Fail($"--file {file}: exists; a blind-index key is never replaced, since every index depends on it");
        }

        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var key = BlindIndex.NewKey();
        using (var stream = new FileStream(path, options))
        using (var writer = new StreamWriter(stream))
        {
            writer.Write(Convert.ToBase64String(key));
        }

        System.Security.Cryptography.CryptographicOperations.ZeroMemory(key);
        Console.Out.WriteLine($"Aigaq:Protection:BlindIndexKeyFile={path}");
        return 0;
    }
}
