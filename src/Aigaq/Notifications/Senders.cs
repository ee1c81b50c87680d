using System.Collections.Concurrent;
using System.Net.Sockets;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Aigaq.Notifications;

/// <summary>Delivers one channel. <see cref="IsConfigured"/> false keeps messages in the outbox, undelivered.</summary>
public interface IChannelSender
{
    NotificationChannel Channel { get; }

    bool IsConfigured { get; }

    Task SendAsync(Notification message, CancellationToken ct);
}

/// <summary>
/// E-mail through SMTP with MailKit. Connections are pooled (up to the dispatcher's parallelism)
/// and reused; one that fails is dropped so the next attempt starts clean.
/// </summary>
internal sealed class EmailSender(IOptions<AigaqOptions> options) : IChannelSender, IAsyncDisposable
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;
    private readonly ConcurrentBag<SmtpClient> _idle = [];

    public NotificationChannel Channel => NotificationChannel.Email;

    public bool IsConfigured => !string.IsNullOrWhiteSpace(_smtp.Host);

    public async Task SendAsync(Notification message, CancellationToken ct)
    {
        var mime = new MimeMessage();
        mime.From.Add(MailboxAddress.Parse(_smtp.From));
        mime.To.Add(MailboxAddress.Parse(message.Address));
        mime.Subject = message.Subject;
        mime.Headers.Add("Content-Language", message.Language);
        mime.Headers.Add("X-Aigaq-Notification", message.Id.ToString());
        mime.Body = new TextPart("plain") { Text = message.Body };

        var client = await RentAsync(ct);
        try
        {
            await client.SendAsync(mime, ct);
            _idle.Add(client);
        }
        catch
        {
            client.Dispose();
            throw;
        }
    }

    private async Task<SmtpClient> RentAsync(CancellationToken ct)
    {
        while (_idle.TryTake(out var pooled))
        {
            if (pooled.IsConnected)
            {
                return pooled;
            }

            pooled.Dispose();
        }

        var client = new SmtpClient { Timeout = 15_000 };
        Socket? socket = null;
        try
        {
            // Small commands wait for their answers: with Nagle's algorithm each would also wait
            // for the peer's delayed acknowledgement (tens of milliseconds per command).
            socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            await socket.ConnectAsync(_smtp.Host!, _smtp.Port, ct);
            // STARTTLS required, not taken only "when offered": a relay (or someone in between) that does not offer it
            // gets no mail rather than mail in clear (SmtpOptions.Tls).
            var tls = _smtp.Tls switch
            {
                SmtpTls.Implicit => SecureSocketOptions.SslOnConnect,
                SmtpTls.None => SecureSocketOptions.None,
                _ => SecureSocketOptions.StartTls,
            };
            await client.ConnectAsync(socket, _smtp.Host!, _smtp.Port, tls, ct);
            if (!string.IsNullOrEmpty(_smtp.User))
            {
                await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", ct);
            }

            return client;
        }
        catch
        {
            client.Dispose();
            socket?.Dispose();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_idle.TryTake(out var client))
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(true);
            }

            client.Dispose();
        }
    }
}

/// <summary>SMS through the HTTP gateway of CONTRACT.md: a POST of <c>{ "to", "text" }</c>.</summary>
internal sealed class SmsSender(IHttpClientFactory http, IOptions<AigaqOptions> options) : IChannelSender
{
    public const string Client = "sms";

    public NotificationChannel Channel => NotificationChannel.Sms;

    public bool IsConfigured => options.Value.Sms.Url is not null;

    public async Task SendAsync(Notification message, CancellationToken ct)
    {
        using var response = await http.CreateClient(Client)
            .PostAsJsonAsync(options.Value.Sms.Url, new { to = message.Address, text = message.Body }, ct);
        response.EnsureSuccessStatusCode();
    }
}
