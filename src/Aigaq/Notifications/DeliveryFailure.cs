using System.Net.Sockets;
using MailKit.Net.Smtp;

namespace Aigaq.Notifications;

/// <summary>
/// Why a delivery attempt failed, as a short code that pages translate (<c>DeliveryFailure.CODE</c>) and the API
/// returns: never the exception's text, which is an internal (issue 14, item 3). The service log names the exception's
/// type for operators.
/// </summary>
public static class DeliveryFailure
{
    public const string Unreachable = "unreachable";
    public const string Disconnected = "disconnected";
    public const string RecipientRefused = "recipientRefused";
    public const string SenderRefused = "senderRefused";
    public const string ServerRefused = "serverRefused";
    public const string Authentication = "authentication";
    public const string Tls = "tls";
    public const string GatewayRefused = "gatewayRefused";
    public const string Timeout = "timeout";
    public const string Other = "other";

    private static readonly HashSet<string> Codes = new(StringComparer.Ordinal)
    {
        Unreachable, Disconnected, RecipientRefused, SenderRefused, ServerRefused, Authentication, Tls, GatewayRefused, Timeout, Other,
    };

    /// <summary>The code of a failure.</summary>
    public static string Of(Exception ex) => ex switch
    {
        SmtpCommandException { ErrorCode: SmtpErrorCode.RecipientNotAccepted } => RecipientRefused,
        SmtpCommandException { ErrorCode: SmtpErrorCode.SenderNotAccepted } => SenderRefused,
        SmtpCommandException => ServerRefused,
        MailKit.Security.AuthenticationException => Authentication,
        MailKit.Security.SslHandshakeException or System.Security.Authentication.AuthenticationException => Tls,
        // MailKit's answer to a relay that does not offer the STARTTLS that Aigaq requires.
        NotSupportedException => Tls,
        HttpRequestException { StatusCode: not null } => GatewayRefused,
        SocketException => Unreachable,
        TimeoutException or TaskCanceledException => Timeout,
        SmtpProtocolException or IOException => Disconnected,
        _ when ex.InnerException is { } inner => Of(inner),
        _ => Other,
    };

    /// <summary>
    /// A stored failure as a known code: attempts recorded before codes were (with an exception's text) read as
    /// <see cref="Other"/>, so that no such text reaches a page or an answer.
    /// </summary>
    public static string? Known(string? stored) => stored is null ? null : Codes.Contains(stored) ? stored : Other;
}
