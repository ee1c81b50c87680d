using System.CommandLine;
using Aigaq.Ledger;

namespace Aigaq.Cli;

/// <summary>
/// <c>aigaq log verify --url URL [--key VKEY] [--state FILE] [--witness VKEY]... [--quorum N]</c>: checks a served log
/// from outside, as a supervisory body's verifier does, with neither the application's configuration nor its database.
/// </summary>
internal static class LogVerifyCommand
{
    public static Command Create()
    {
        var url = new Option<string>("--url") { HelpName = "URL", Description = "The base URL the log is served at.", Required = true };
        var key = new Option<string?>("--key") { HelpName = "VKEY", Description = "The log's verifier key (name+hash+base64); without it, the key the log serves is trusted." };
        var state = new Option<string?>("--state") { HelpName = "FILE", Description = "The file that remembers the last checkpoint seen; the new one must be consistent with it." };
        var witness = new Option<string[]>("--witness")
        {
            HelpName = "VKEY",
            Description = "A witness's cosignature/v1 verifier key; repeat for each witness.",
            DefaultValueFactory = _ => [],
        };
        var quorum = new Option<int>("--quorum") { HelpName = "N", Description = "How many of the witnesses must have cosigned (default: all)." };
        var verify = new Command(
            "verify",
            "Checks a served transparency log: the checkpoint's signature, the root rebuilt from the tiles, consistency with the "
            + "checkpoint remembered in --state (then remembers the new one) and, with --witness, the witnesses' cosignatures. "
            + "Exit code 0 only when all holds.")
        {
            url, key, state, witness, quorum,
        };
        verify.SetAction(parsed => AigaqCli.StandaloneAsync(parsed, _ => RunAsync(
            parsed.GetRequiredValue(url), parsed.GetValue(key), parsed.GetValue(state), parsed.GetValue(witness) ?? [],
            parsed.GetResult(quorum) is null ? null : parsed.GetValue(quorum))));
        return verify;
    }

    private static async Task<int> RunAsync(string url, string? key, string? state, string[] witnessKeys, int? quorumGiven)
    {
        if (!Uri.TryCreate(url.EndsWith('/') ? url : url + "/", UriKind.Absolute, out var baseUrl))
        {
            return AigaqCli.Fail("--url must be an absolute URL");
        }

        var witnesses = new List<NoteVerifier>();
        foreach (var vkey in witnessKeys)
        {
            NoteVerifier witness;
            try
            {
                witness = NoteVerifier.Parse(vkey.Trim());
            }
            catch (FormatException ex)
            {
                return AigaqCli.Fail($"--witness {vkey}: {ex.Message}");
            }

            if (witness.Type != NoteKeyType.Cosignature)
            {
                return AigaqCli.Fail($"--witness {witness.Name}: not a cosignature/v1 key (type 0x04)");
            }

            witnesses.Add(witness);
        }

        var quorum = witnesses.Count;
        if (quorumGiven is { } q)
        {
            if (witnesses.Count == 0)
            {
                return AigaqCli.Fail("--quorum needs at least one --witness");
            }

            if (q < 1 || q > witnesses.Count)
            {
                return AigaqCli.Fail($"--quorum must be a number from 1 to the number of witnesses given ({witnesses.Count})");
            }

            quorum = q;
        }

        using var http = new HttpClient { Timeout = TimeSpan.FromMinutes(1) };
        var failures = await LedgerVerify.RunAsync(http, baseUrl, key, state, witnesses, quorum, Console.Error, CancellationToken.None);
        return LogAuditCommand.Report("log verify", failures);
    }
}
