namespace Aigaq.Protection;

/// <summary>
/// The Argon2id cost of turning a holder's password into the key that seals their private key. It is stored beside
/// each sealed key, so that it can be raised later: a key sealed at a lower cost is sealed again at the next unlock.
/// </summary>
/// <param name="MemoryKiB">Memory in kibibytes.</param>
/// <param name="Passes">Passes over that memory.</param>
/// <param name="Parallelism">Lanes; libsodium (under NSec) computes one only, so this is always 1 today.</param>
public sealed record PasswordCost(long MemoryKiB, long Passes, int Parallelism)
{
    /// <summary>
    /// 64 MiB and 3 passes: above OWASP's minimum for Argon2id (19 MiB, 2 passes, 1 lane) and RFC 9106's second
    /// recommendation with one lane. A custodian unlocks rarely, so a quarter of a second per unlock is cheap, and
    /// every guess against a stolen copy costs the same (docs/decisions/0022).
    /// </summary>
    public static PasswordCost Default { get; } = new(64 * 1024, 3, 1);

    // Bounds on what a stored record may ask for: a record altered to ask for terabytes must not take the server down.
    private const long MinMemoryKiB = 8;
    private const long MaxMemoryKiB = 4L * 1024 * 1024;
    private const long MaxPasses = 64;

    /// <summary>Whether this cost is one that Argon2id (as NSec offers it) computes and that the server accepts.</summary>
    public bool IsUsable =>
        MemoryKiB is >= MinMemoryKiB and <= MaxMemoryKiB && Passes is >= 1 and <= MaxPasses && Parallelism == 1;

    /// <summary>Whether a key sealed at this cost should be sealed again at <paramref name="wanted"/>.</summary>
    public bool IsBelow(PasswordCost wanted) => MemoryKiB < wanted.MemoryKiB || Passes < wanted.Passes;
}
