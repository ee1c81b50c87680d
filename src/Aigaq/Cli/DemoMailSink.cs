using System.Buffers;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;
using SmtpServer;
using SmtpServer.Protocol;
using SmtpServer.Storage;

namespace Aigaq.Cli;

/// <summary>
/// With <c>--demo</c> and no SMTP server configured, a local SMTP server on loopback catches the
/// demo's e-mail and saves each message as an .eml file in DataDir/demo-mail, so a new user sees
/// the relative's message leave without setting up mail.
/// </summary>
internal sealed class DemoMailSink(IOptions<AigaqOptions> options, ILogger<DemoMailSink> logger) : BackgroundService
{
    public const string Flag = "Aigaq:Demo:MailSink";

    /// <summary>For <c>aigaq serve --demo</c>: points the application's SMTP settings at a free loopback port unless a server is configured.</summary>
    public static void Configure(WebApplicationBuilder builder)
    {
        if (!string.IsNullOrEmpty(builder.Configuration["Aigaq:Smtp:Host"]))
        {
            return;
        }

        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Aigaq:Smtp:Host"] = "127.0.0.1",
            ["Aigaq:Smtp:Tls"] = "None",
            ["Aigaq:Smtp:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Aigaq:Smtp:From"] = "aigaq-demo@localhost",
            [Flag] = "true",
        });
        builder.Services.AddHostedService<DemoMailSink>();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var folder = Path.Combine(Path.GetFullPath(options.Value.DataDir), "demo-mail");
        Directory.CreateDirectory(folder);
        var smtp = new SmtpServerOptionsBuilder()
            .ServerName("localhost")
            .Endpoint(b => b.Endpoint(new IPEndPoint(IPAddress.Loopback, options.Value.Smtp.Port)))
            .Build();
        var services = new SmtpServer.ComponentModel.ServiceProvider();
        services.Add(new FolderStore(folder));
        logger.LogInformation("Demo e-mail is caught on 127.0.0.1:{Port} and saved in {Folder}", options.Value.Smtp.Port, folder);
        await new SmtpServer.SmtpServer(smtp, services).StartAsync(stoppingToken);
    }

    private sealed class FolderStore(string folder) : MessageStore
    {
        public override async Task<SmtpResponse> SaveAsync(ISessionContext context, IMessageTransaction transaction, ReadOnlySequence<byte> buffer, CancellationToken cancellationToken)
        {
            var name = Path.Combine(folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss-fffffff}-{Guid.NewGuid():N}.eml");
            await using var file = File.Create(name);
            foreach (var segment in buffer)
            {
                await file.WriteAsync(segment, cancellationToken);
            }

            return SmtpResponse.Ok;
        }
    }
}
