namespace Aigaq;

/// <summary>The <c>Aigaq</c> configuration section (CONTRACT.md).</summary>
public sealed class AigaqOptions
{
    public const string Section = "Aigaq";

    public string DataDir { get; set; } = "./data";
    public DatabaseOptions Database { get; set; } = new();
    public SmtpOptions Smtp { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();
    public LedgerOptions Ledger { get; set; } = new();
    public DataProtectionKeyOptions DataProtection { get; set; } = new();
    public PublicLookupOptions PublicLookup { get; set; } = new();
    public Protection.ProtectionOptions Protection { get; set; } = new();
    public Examinations.ExaminationMediaOptions Examinations { get; set; } = new();

    /// <summary>
    /// The address people open Aigaq at (https://aigaq.example.kz), for links in messages; without it a message names
    /// the page to open instead.
    /// </summary>
    public Uri? PublicUrl { get; set; }

    /// <summary>Name of this node, used to lease outbox rows and jobs; defaults to host and process.</summary>
    public string? NodeName { get; set; }

    /// <summary>Whether background workers (outbox dispatch, clock scanner) run in this process.</summary>
    public bool Workers { get; set; } = true;

    public string ResolveNodeName() =>
        NodeName ?? $"{Environment.MachineName}-{Environment.ProcessId}";
}

/// <summary>The <c>Aigaq:PublicLookup</c> section: how often the public custody lookup may be asked.</summary>
public sealed class PublicLookupOptions
{
    /// <summary>Per address and minute, for the API's lookup and the receipt check (a rate-limit policy).</summary>
    public int PermitPerMinute { get; set; } = 10;

    /// <summary>Per address and minute, for the lookup page: many people may share a mobile carrier's address.</summary>
    public int PagePermitPerMinute { get; set; } = 60;

    /// <summary>Per searched name (all its spellings) and hour, from any address, on the page and the API.</summary>
    public int NamePermitPerHour { get; set; } = 20;

    /// <summary>
    /// How much of a name's hourly budget one address may take, so that nobody can use it up alone and so keep a family
    /// from looking a person up. Asking again for a name and birth date already asked within the hour is free.
    /// </summary>
    public int NamePermitPerAddressPerHour { get; set; } = 5;

    public bool IsValid() => PermitPerMinute > 0 && PagePermitPerMinute > 0 && NamePermitPerHour > 0 && NamePermitPerAddressPerHour > 0;
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// PostgreSQL connections this node may hold (Npgsql's Maximum Pool Size, unless the connection string sets it).
    /// Nodes times this, plus the workers' and operators' few, must stay under the server's max_connections (100 by
    /// default, 3 of them reserved for superusers): 30 lets three nodes share a default server (README, "Running
    /// more than one node").
    /// </summary>
    public int MaxPoolSize { get; set; } = 30;

    /// <summary>
    /// Seconds a request waits for a connection (Npgsql's Timeout, unless the connection string sets it) before it is
    /// answered 503 with Retry-After: short, so that a full pool sheds load instead of queueing requests.
    /// </summary>
    public int ConnectionTimeoutSeconds { get; set; } = 5;
}

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 25;
    public string From { get; set; } = "aigaq@localhost";
    public string? User { get; set; }
    public string? Password { get; set; }

    /// <summary>How mail is protected on its way to the relay: STARTTLS required by default (never skipped when the
    /// relay does not offer it), TLS from the start (port 465), or none, which only a relay on this machine may be.</summary>
    public SmtpTls Tls { get; set; } = SmtpTls.StartTls;

    /// <summary>Whether these settings keep mail protected: no TLS only towards a loopback relay.</summary>
    public bool IsSafe() => Tls != SmtpTls.None || string.IsNullOrWhiteSpace(Host) || IsLoopback(Host);

    private static bool IsLoopback(string host) =>
        host.Equals("localhost", StringComparison.OrdinalIgnoreCase)
        || (System.Net.IPAddress.TryParse(host, out var address) && System.Net.IPAddress.IsLoopback(address));
}

public enum SmtpTls
{
    StartTls,
    Implicit,
    None,
}

/// <summary>
/// The <c>Aigaq:DataProtection</c> section: the certificate that encrypts the keys protecting cookies and antiforgery
/// tokens at rest, in DataDir/keys (docs/decisions/0014-key-custody.md). Without one the keys lie there unencrypted, and
/// ASP.NET Core's data protection logs a warning when it writes one.
/// </summary>
public sealed class DataProtectionKeyOptions
{
    /// <summary>A PKCS#12 (.pfx) file with the certificate and its private key.</summary>
    public string? CertificateFile { get; set; }

    public string? CertificatePassword { get; set; }
}

public sealed class SmsOptions
{
    public Uri? Url { get; set; }
}

/// <summary>The <c>Aigaq:Ledger</c> section: the transparency log's name and its queue bound.</summary>
public sealed class LedgerOptions
{
    /// <summary>The checkpoint origin line and the signing key's name.</summary>
    public string Origin { get; set; } = "aigaq.local/log";

    /// <summary>
    /// The signing key's file, when it is kept outside the data folder (a mounted secret, say); by default
    /// DataDir/keys/log-signer.key. Its mode must let no one but its owner read it (600): checked at start.
    /// </summary>
    public string? KeyFile { get; set; }

    /// <summary>Above this many unintegrated entries, writes are refused with 503 and Retry-After.</summary>
    public long MaxPending { get; set; } = 50000;

    /// <summary>The witnesses the log sends its checkpoints to for cosigning (c2sp.org/tlog-witness).</summary>
    public List<TransparencyLog.WitnessEndpointOptions> Witnesses { get; set; } = [];
}
