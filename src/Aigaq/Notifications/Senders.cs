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

/// <summary>E-mail through SMTP with MailKit; one connection per sender, reopened when it drops.</summary>
internal sealed class EmailSender(IOptions<AigaqOptions> options) : IChannelSender, IAsyncDisposable
{
    private readonly SmtpOptions _smtp = options.Value.Smtp;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private SmtpClient? _client;

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

        await _gate.WaitAsync(ct);
        try
        {
            var client = await ConnectedAsync(ct);
            try
            {
                await client.SendAsync(mime, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Drop the connection so the next attempt starts clean.
                _client = null;
                client.Dispose();
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<SmtpClient> ConnectedAsync(CancellationToken ct)
    {
        if (_client is { IsConnected: true })
        {
            return _client;
        }

        _client?.Dispose();
        var client = new SmtpClient { Timeout = 15_000 };
        await client.ConnectAsync(_smtp.Host!, _smtp.Port, SecureSocketOptions.Auto, ct);
        if (!string.IsNullOrEmpty(_smtp.User))
        {
            await client.AuthenticateAsync(_smtp.User, _smtp.Password ?? "", ct);
        }

        return _client = client;
    }

    public async ValueTask DisposeAsync()
    {
        if (_client is { IsConnected: true })
        {
            await _client.DisconnectAsync(true);
        }

        _client?.Dispose();
        _gate.Dispose();
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
