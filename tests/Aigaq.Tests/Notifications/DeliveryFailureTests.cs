using System.Net;
using System.Net.Sockets;
using Aigaq.Notifications;
using MailKit.Net.Smtp;
using MimeKit;

namespace Aigaq.Tests.Notifications;

/// <summary>
/// A failed delivery is kept as a short code that pages translate, never an exception's text (issue 14, item 3); text
/// stored before the codes reads as "other".
/// </summary>
public sealed class DeliveryFailureTests
{
    public static TheoryData<string, Exception> Failures() => new()
    {
        { DeliveryFailure.Unreachable, new SocketException((int)SocketError.ConnectionRefused) },
        { DeliveryFailure.Unreachable, new HttpRequestException("no route", new SocketException((int)SocketError.HostUnreachable)) },
        { DeliveryFailure.Disconnected, new SmtpProtocolException("The SMTP server has unexpectedly disconnected.") },
        { DeliveryFailure.RecipientRefused, new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, new MailboxAddress("", "a@example.kz"), "550 no such user") },
        { DeliveryFailure.SenderRefused, new SmtpCommandException(SmtpErrorCode.SenderNotAccepted, SmtpStatusCode.MailboxUnavailable, new MailboxAddress("", "aigaq@example.kz"), "550") },
        { DeliveryFailure.ServerRefused, new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "554") },
        { DeliveryFailure.Authentication, new MailKit.Security.AuthenticationException("535") },
        { DeliveryFailure.Tls, new NotSupportedException("The SMTP server does not support the STARTTLS extension.") },
        { DeliveryFailure.GatewayRefused, new HttpRequestException("503", null, HttpStatusCode.ServiceUnavailable) },
        { DeliveryFailure.Timeout, new TimeoutException() },
        { DeliveryFailure.Other, new InvalidOperationException("something internal") },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void Each_failure_has_its_code(string code, Exception failure) => Assert.Equal(code, DeliveryFailure.Of(failure));

    [Fact]
    public void Text_stored_before_the_codes_reads_as_other()
    {
        Assert.Equal(DeliveryFailure.Other, DeliveryFailure.Known("SmtpProtocolException: The SMTP server has unexpectedly disconnected."));
        Assert.Equal(DeliveryFailure.Tls, DeliveryFailure.Known(DeliveryFailure.Tls));
        Assert.Null(DeliveryFailure.Known(null));
    }
}
