namespace Aigaq.Tests.Notifications;

/// <summary>An app host whose e-mail goes to a real SMTP server and whose SMS go to a real HTTP gateway.</summary>
public class MailHost() : HostFixture(DatabaseProvider.Sqlite)
{
    /// <summary>The application's <c>Aigaq:Smtp:Tls</c>: none for the loopback sink, which offers no STARTTLS; null for the default.</summary>
    protected virtual string? Tls => "None";

    public SmtpSink Smtp { get; private set; } = null!;

    public SmsGateway Sms { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Aigaq:Smtp:Host"] = "127.0.0.1",
                ["Aigaq:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Aigaq:Smtp:From"] = "aigaq@test.aigaq.kz",
                ["Aigaq:Sms:Url"] = Sms.Url.ToString(),
            };
            if (Tls is not null)
            {
                settings["Aigaq:Smtp:Tls"] = Tls;
            }

            return settings;
        }
    }

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        Sms = SmsGateway.Start();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
        Sms.Dispose();
    }
}

/// <summary>An app host whose SMTP relay does not offer STARTTLS, with the default setting (TLS required).</summary>
public sealed class PlainRelayHost : MailHost
{
    protected override string? Tls => null;
}

/// <summary>An app host pointed at an SMTP port where nothing listens.</summary>
public sealed class DeadMailHost() : HostFixture(DatabaseProvider.Sqlite)
{
    private readonly int _closedPort = SmtpSink.FreePort();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aigaq:Smtp:Host"] = "127.0.0.1",
        ["Aigaq:Smtp:Tls"] = "None",
        ["Aigaq:Smtp:Port"] = _closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Two app hosts on one PostgreSQL database, both sending to the same SMTP server.</summary>
public sealed class TwoMailingPostgresHosts() : TwoHostsFixture(DatabaseProvider.Postgres)
{
    public SmtpSink Smtp { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aigaq:Smtp:Host"] = "127.0.0.1",
        ["Aigaq:Smtp:Tls"] = "None",
        ["Aigaq:Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public override async Task InitializeAsync()
    {
        Smtp = await SmtpSink.StartAsync();
        await base.InitializeAsync();
    }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}

/// <summary>Two app hosts on one PostgreSQL database whose SMTP server refuses connections.</summary>
public sealed class TwoDeadMailPostgresHosts() : TwoHostsFixture(DatabaseProvider.Postgres)
{
    private readonly int _closedPort = SmtpSink.FreePort();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aigaq:Smtp:Host"] = "127.0.0.1",
        ["Aigaq:Smtp:Tls"] = "None",
        ["Aigaq:Smtp:Port"] = _closedPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>Two app hosts on one PostgreSQL database, both sending SMS to the same gateway.</summary>
public sealed class TwoSmsPostgresHosts() : TwoHostsFixture(DatabaseProvider.Postgres)
{
    public SmsGateway Sms { get; } = SmsGateway.Start();

    protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Aigaq:Sms:Url"] = Sms.Url.ToString(),
    };

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        Sms.Dispose();
    }
}
