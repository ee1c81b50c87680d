using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Examinations;
using Aigaq.TransparencyLog;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Tests.Examinations;

/// <summary>
/// Read-only shares of a sealed examination (issue 16, item 9; review finding M2): only its examiner shares, only a sealed
/// record, only with the person's consent for that kind of recipient and within the pack's maximum; the link's token is
/// in the first answer only and stored as its hash; the link opens the record and its PDF with no sign-in, every opening
/// recorded without an address and shown to the examiner; unknown, expired and revoked links get the same 404; a
/// withdrawal of consent to share after the seal revokes that kind's live shares at once and changes nothing else.
/// </summary>
public abstract class ShareTests(ExaminationHost fixture)
{
    private AigaqHost Host => fixture.Host;

    [Fact]
    public async Task The_examiner_shares_a_sealed_record_with_consent_and_the_link_opens_it_read_only_until_it_expires_or_is_revoked()
    {
        var exam = await SealedExamination.CreateAsync(Host, seal: false);
        var shares = $"{exam.At}/shares";
        await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddDays(7)))).ExpectProblemAsync(HttpStatusCode.Conflict, "status");
        await exam.SealAsync();

        // Refused, naming the field, and nothing written: bad input, beyond the pack's 90 days, a recipient without consent,
        // the requester (no permission to share) and another forensic expert (not the examiner).
        await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddDays(7)).Without("recipientName")))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "recipientName");
        await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("prosecutor", Host.Now.AddDays(7)))).ExpectProblemAsync(HttpStatusCode.BadRequest, "recipientRole");
        await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddMinutes(-1)))).ExpectProblemAsync(HttpStatusCode.BadRequest, "expiresAt");
        await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddDays(91))))
            .ExpectProblemAsync(HttpStatusCode.UnprocessableEntity, "expiresAt");
        await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("defender", Host.Now.AddDays(7))))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "consent.shareWithDefender");
        await (await exam.Requester.Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddDays(7)))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await (await Host.UserAsync(Roles.ForensicExpert)).Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddDays(7))))
            .ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<ExaminationShare>().CountAsync(s => s.ExaminationId == exam.Id)));

        // The token is in the first answer only: a retry gets the same share without it; the table holds its hash.
        var key = Guid.NewGuid().ToString("N");
        var created = await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddDays(30)), key)).ExpectAsync(HttpStatusCode.Created);
        var retry = await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddDays(30)), key)).ExpectAsync(HttpStatusCode.Created);
        var url = created.Str("url");
        Assert.StartsWith("/examinations/shared/", url, StringComparison.Ordinal);
        Assert.Equal(created.Str("id"), retry.Str("id"));
        Assert.Null(retry["url"]);
        var token = url["/examinations/shared/".Length..];
        Assert.Equal(43, token.Length);
        var stored = await Host.WithDbAsync(db => db.Set<ExaminationShare>().SingleAsync(s => s.ExaminationId == exam.Id));
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(token))), stored.TokenHash);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == ExaminationShareLedger.Shared && e.RecordId == stored.Id)));

        // Opened with no account, in Russian: the recipient, the finding, the PDF in that language; each opening recorded.
        using var judge = Host.Anonymous();
        var page = await judge.GetStringAsync(url + "?culture=ru");
        Assert.Contains("Сатпаева Гульнара Ериковна", page, StringComparison.Ordinal);
        Assert.Contains(SealedExamination.Description, page, StringComparison.Ordinal);
        Assert.Contains("судья", page, StringComparison.Ordinal);
        Assert.Contains($"{url}/report.pdf?lang=ru", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Ахметов", page, StringComparison.Ordinal);
        using (var pdf = await judge.GetAsync($"{url}/report.pdf?lang=ru"))
        {
            Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
            Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
            Assert.Contains(ReportPdfTests.Squeeze(SealedExamination.AmendmentReason), ReportPdfTests.Read(await pdf.Content.ReadAsByteArrayAsync()), StringComparison.Ordinal);
        }

        await (await judge.GetAsync($"{url}/report.pdf?lang=fr")).ExpectProblemAsync(HttpStatusCode.BadRequest, "lang");
        var listed = Assert.Single((await (await exam.Examiner.Client.GetAsync(shares)).ExpectAsync(HttpStatusCode.OK))["items"].Objects());
        Assert.Equal(("live", "judge"), (listed.Str("status"), listed.Str("recipientRole")));
        Assert.Equal(["page:ru", "pdf:ru"], listed["openings"].Objects().Select(o => o.Str("what") + ":" + o.Str("language")).Order(StringComparer.Ordinal));
        await (await exam.Requester.Client.GetAsync(shares)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await (await Host.UserAsync(Roles.ForensicExpert)).Client.GetAsync(shares)).ExpectProblemAsync(HttpStatusCode.Forbidden);
        var opened = await Host.WithDbAsync(db => db.Set<AccessLogEntry>()
            .Where(e => e.Action == OpenExaminationShare.AccessAction && e.Resource == stored.Id.ToString()).ToListAsync());
        Assert.Equal(2, opened.Count);
        Assert.All(opened, e => Assert.Null(e.Address));

        // A short share expires; an unknown token, the expired and the revoked one get the very same page.
        var brief = await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("investigator", Host.Now.AddMinutes(5)))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await judge.GetAsync(brief.Str("url"))).StatusCode);
        Host.Clock.Advance(TimeSpan.FromMinutes(6));
        var unknown = await NotFoundAsync(judge, "/examinations/shared/" + new string('A', 43));
        Assert.Equal(unknown, await NotFoundAsync(judge, "/examinations/shared/short"));
        Assert.Equal(unknown, await NotFoundAsync(judge, brief.Str("url")));
        Assert.Equal(unknown, await NotFoundAsync(judge, brief.Str("url") + "/report.pdf?lang=kk"));

        var revoke = $"{shares}/{stored.Id}/revoke";
        await (await exam.Examiner.Client.PostJsonAsync(revoke, new JsonObject())).ExpectProblemAsync(HttpStatusCode.BadRequest, "reason");
        await (await exam.Requester.Client.PostJsonAsync(revoke, new JsonObject { ["reason"] = "x" })).ExpectProblemAsync(HttpStatusCode.Forbidden);
        await (await exam.Examiner.Client.PostJsonAsync(revoke, new JsonObject { ["reason"] = "судебное заседание отложено" })).ExpectAsync(HttpStatusCode.Created);
        await (await exam.Examiner.Client.PostJsonAsync(revoke, new JsonObject { ["reason"] = "ещё раз" })).ExpectProblemAsync(HttpStatusCode.Conflict, "shareId");
        Assert.Equal(unknown, await NotFoundAsync(judge, url));
        Assert.Equal(unknown, await NotFoundAsync(judge, url + "/report.pdf?lang=ru"));
        var after = (await (await exam.Examiner.Client.GetAsync(shares)).ExpectAsync(HttpStatusCode.OK))["items"].Objects().ToDictionary(s => s.Str("id"));
        Assert.Equal("expired", after[brief.Str("id")].Str("status"));
        Assert.Equal(("revoked", "examiner"), (after[stored.Id.ToString()].Str("status"), after[stored.Id.ToString()]["revocation"].Str("cause")));
    }

    [Fact]
    public async Task Withdrawing_consent_to_share_after_the_seal_revokes_that_kinds_live_shares_at_once_and_nothing_else_changes()
    {
        var exam = await SealedExamination.CreateAsync(Host);
        var shares = $"{exam.At}/shares";
        var judge = await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddDays(10)))).ExpectAsync(HttpStatusCode.Created);
        var investigator = await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("investigator", Host.Now.AddDays(10), "Следователь Омаров")))
            .ExpectAsync(HttpStatusCode.Created);
        using var anonymous = Host.Anonymous();
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(judge.Str("url"))).StatusCode);

        // The sealed part of the consent stays; no new consent to share; only a withdrawal, dated after the consent in force.
        var consent = $"{exam.At}/consent";
        await (await exam.Examiner.Client.PostJsonAsync(consent, SealedExamination.Consent(Host.Now).With("items.photographs", false)))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "items.photographs");
        await (await exam.Examiner.Client.PostJsonAsync(consent, SealedExamination.Consent(Host.Now, defender: true)))
            .ExpectProblemAsync(HttpStatusCode.Conflict, "items.shareWithDefender");
        await (await exam.Examiner.Client.PostJsonAsync(consent, SealedExamination.Consent(Host.Now))).ExpectProblemAsync(HttpStatusCode.Conflict, "consent");
        await (await exam.Examiner.Client.PostJsonAsync(consent, SealedExamination.Consent(Host.Now.AddHours(-1), court: false)))
            .ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        await (await exam.Requester.Client.PostJsonAsync(consent, SealedExamination.Consent(Host.Now, court: false))).ExpectProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<ExaminationConsent>().CountAsync(c => c.ExaminationId == exam.Id)));

        await (await exam.Examiner.Client.PostJsonAsync(consent, SealedExamination.Consent(Host.Now, court: false))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(judge.Str("url"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(judge.Str("url") + "/report.pdf?lang=en")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(investigator.Str("url"))).StatusCode);
        var listed = (await (await exam.Examiner.Client.GetAsync(shares)).ExpectAsync(HttpStatusCode.OK))["items"].Objects().ToDictionary(s => s.Str("id"));
        Assert.Equal("live", listed[investigator.Str("id")].Str("status"));
        Assert.Equal(("revoked", ExaminationShareRevocation.ByWithdrawal), (listed[judge.Str("id")].Str("status"), listed[judge.Str("id")]["revocation"].Str("cause")));
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<ExaminationShareRevocation>().CountAsync(r => r.ExaminationId == exam.Id)));
        await (await exam.Examiner.Client.PostJsonAsync(shares, exam.Share("judge", Host.Now.AddDays(10)))).ExpectProblemAsync(HttpStatusCode.Conflict, "consent.shareWithCourt");

        var shown = await (await exam.Examiner.Client.GetAsync(exam.At)).ExpectAsync(HttpStatusCode.OK);
        Assert.False(shown["consent"]!["items"]!["shareWithCourt"]!.GetValue<bool>());
        Assert.True(shown["consent"]!["items"]!["examination"]!.GetValue<bool>());
        Assert.Equal(2, shown["consent"]!["given"]!.GetValue<int>());
        Assert.Equal("sealed", shown.Str("status"));
    }

    private static async Task<string> NotFoundAsync(HttpClient client, string url)
    {
        using var response = await client.GetAsync(url);
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }
}

public sealed class SharesOnSqlite(ExaminationSqliteHost fixture) : ShareTests(fixture), IClassFixture<ExaminationSqliteHost>;

public sealed class SharesOnPostgres(ExaminationPostgresHost fixture) : ShareTests(fixture), IClassFixture<ExaminationPostgresHost>;
