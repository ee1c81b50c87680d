namespace Aigaq;

/// <summary>The <c>Aigaq</c> configuration section (CONTRACT.md).</summary>
public sealed class AigaqOptions
{
    public const string Section = "Aigaq";

    public string DataDir { get; set; } = "./data";
    public DatabaseOptions Database { get; set; } = new();
    public SmtpOptions Smtp { get; set; } = new();
    public SmsOptions Sms { get; set; } = new();

    /// <summary>Name of this node, used to lease outbox rows and jobs; defaults to host and process.</summary>
    public string? NodeName { get; set; }

    /// <summary>Whether background workers (outbox dispatch, clock scanner) run in this process.</summary>
    public bool Workers { get; set; } = true;

    public string ResolveNodeName() =>
        NodeName ?? $"{Environment.MachineName}-{Environment.ProcessId}";
}

public sealed class DatabaseOptions
{
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;
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
}

public sealed class SmsOptions
{
    public Uri? Url { get; set; }
}
