using Aigaq.Access;
using Aigaq.Protection;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// An anonymous report's channel and its messages are in the log: a receipt hash swapped in the database (which would
/// hand the channel to whoever knows the new code), a message's text or author edited, or a channel or message deleted,
/// is named by the audit with its kind and id.
/// </summary>
public sealed class AnonymousAuditTests
{
    public static TheoryData<string, bool> Cases() =>
        OnBothProviders.Each(["receiptHashSwapped", "deleteChannel", "messageTextEdited", "messageAuthorChanged", "deleteMessage"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_anonymous_channel_or_message_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        using var reporter = app.CreateClient();
        var receipt = (await ReviewAuditTests.PostAsync(reporter, "/api/v1/anonymous-reports", new
        {
            narrative = "В ИВС меня били дубинкой, требовали признаться.",
            region = "KZ-75",
            incidentAt = DateTimeOffset.UtcNow.AddDays(-1),
        })).GetProperty("receipt").GetString();
        var reportId = await app.WithDbAsync(db => db.Set<AnonymousChannel>().Select(c => c.ReportId).SingleAsync());
        var channel = await app.WithDbAsync(db => db.Set<AnonymousChannel>().Select(c => c.Id).SingleAsync());
        await ReviewAuditTests.PostAsync(reporter, "/api/v1/anonymous-reports/messages", new { receipt, text = "Меня снова вызывают на допрос ночью." });
        using var prosecutor = await ReviewAuditTests.ClientAsync(app, Roles.Prosecutor);
        var answer = (await ReviewAuditTests.PostAsync(prosecutor, $"/api/v1/reports/{reportId}/messages", new { text = "Сообщите, пожалуйста, номер кабинета." }))
            .GetProperty("id").GetGuid();
        var written = await app.WithDbAsync(db => db.Set<AnonymousMessage>().Where(m => m.Author == MessageAuthor.Reporter).Select(m => m.Id).SingleAsync());
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "receiptHashSwapped":
                var known = new string('a', 64);
                await app.WithDbAsync(db => db.Set<AnonymousChannel>().Where(c => c.Id == channel).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReceiptHash, known)));
                expected = $"{ProtectionLedger.AnonymousChannelOpened} {channel}: commitment mismatch";
                break;
            case "deleteChannel":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<AnonymousChannel>().Where(c => c.Id == channel).ExecuteDeleteAsync());
                expected = $"{ProtectionLedger.AnonymousChannelOpened} {channel}: record missing";
                break;
            case "messageTextEdited":
                await app.WithDbAsync(db => db.Set<AnonymousMessage>().Where(m => m.Id == answer).ExecuteUpdateAsync(u => u.SetProperty(m => m.Text, "Заявление отзовите.")));
                expected = $"{ProtectionLedger.AnonymousMessageWritten} {answer}: commitment mismatch";
                break;
            case "messageAuthorChanged":
                // A reporter's word passed off as the prosecutor's.
                await app.WithDbAsync(db => db.Set<AnonymousMessage>().Where(m => m.Id == written).ExecuteUpdateAsync(u => u.SetProperty(m => m.Author, MessageAuthor.Staff)));
                expected = $"{ProtectionLedger.AnonymousMessageWritten} {written}: commitment mismatch";
                break;
            default:
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<AnonymousMessage>().Where(m => m.Id == written).ExecuteDeleteAsync());
                expected = $"{ProtectionLedger.AnonymousMessageWritten} {written}: record missing";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }
}
