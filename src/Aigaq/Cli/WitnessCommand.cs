using System.CommandLine;

namespace Aigaq.Cli;

/// <summary>
/// <c>aigaq witness --name NAME --state DIR --log-key VKEY[,VKEY...] [--urls URL]</c>: a c2sp.org/tlog-witness witness
/// on a host of its own, with no database (ADR 0102).
/// </summary>
internal static class WitnessCommand
{
    public static Command Create()
    {
        var name = new Option<string>("--name") { HelpName = "NAME", Description = "The witness's name, as its cosignatures carry it.", Required = true };
        var state = new Option<string>("--state") { HelpName = "DIR", Description = "The folder of its own key and of the checkpoints it cosigned.", Required = true };
        var logKeys = new Option<string>("--log-key") { HelpName = "VKEY[,VKEY...]", Description = "The Ed25519 verifier key of each log it witnesses, separated by commas.", Required = true };
        var witness = new Command(
            "witness",
            "Runs a c2sp.org/tlog-witness witness (--urls as usual) and prints its verifier key; it needs no database.")
        {
            name, state, logKeys,
        };
        witness.SetAction(parsed => AigaqCli.StandaloneAsync(parsed, hostArgs => Witness.WitnessHost.RunAsync(
            parsed.GetRequiredValue(name), parsed.GetRequiredValue(state), parsed.GetRequiredValue(logKeys), hostArgs)));
        return witness;
    }
}
