using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Aigaq.Access;
using Aigaq.Cases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.LedgerIntegration.Tests;

/// <summary>
/// Complaints, their decisions and the refusals they overturn are in the log: an edited complaint,
/// a deleted decision or a deleted overturn is named by the audit.
/// </summary>
public sealed class ReviewAuditTests
{
    public static TheoryData<string, bool> Cases() => OnBothProviders.Each(["complaintGrounds", "complaintReviewer", "deleteDecision", "decisionOutcome", "deleteOverturn"]);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Audit_names_the_complaint_record_that_changed(string tamper, bool postgres)
    {
        await using var store = await TestDatabase.CreateAsync(postgres);
        await using var app = new LogNode(store);
        var (complaint, decision, overturn) = await ChallengedAsync(app);
        await app.IntegrateAllAsync();
        Assert.Empty(await app.AuditAsync());

        string expected;
        switch (tamper)
        {
            case "complaintGrounds":
                await app.WithDbAsync(db => db.Set<Complaint>().Where(c => c.Id == complaint).ExecuteUpdateAsync(u => u.SetProperty(c => c.Grounds, "жалоба отозвана")));
                expected = $"{ReviewLedger.ComplaintReceived} {complaint}: commitment mismatch";
                break;
            case "complaintReviewer":
                // Readdressed to the body complained of, behind the application's back.
                await app.WithDbAsync(db => db.Set<Complaint>().Where(c => c.Id == complaint).ExecuteUpdateAsync(u => u.SetProperty(c => c.ReviewerName, "Supervisory prosecutor")));
                expected = $"{ReviewLedger.ComplaintReceived} {complaint}: commitment mismatch";
                break;
            case "decisionOutcome":
                await app.WithDbAsync(db => db.Set<ComplaintDecision>().Where(d => d.Id == decision).ExecuteUpdateAsync(u => u.SetProperty(d => d.Outcome, ComplaintOutcome.Dismissed)));
                expected = $"{ReviewLedger.ComplaintDecided} {decision}: commitment mismatch";
                break;
            case "deleteDecision":
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ComplaintDecision>().Where(d => d.Id == decision).ExecuteDeleteAsync());
                expected = $"{ReviewLedger.ComplaintDecided} {decision}: record missing";
                break;
            default:
                await AuditCoverageTests.DeleteAsync(app, postgres, db => db.Set<ReportDecision>().Where(d => d.Id == overturn).ExecuteDeleteAsync());
                expected = $"{CaseLedger.ReportDecision} {overturn}: record missing";
                break;
        }

        var failures = await app.AuditAsync();
        Assert.Contains(failures, f => f.Contains(expected, StringComparison.Ordinal));
    }

    /// <summary>Through the API: a report refused by the prosecutor, challenged, and the challenge upheld by the reviewer.</summary>
    private static async Task<(Guid Complaint, Guid Decision, Guid Overturn)> ChallengedAsync(LogNode app)
    {
        using var prosecutor = await ClientAsync(app, Roles.Prosecutor);
        using var reviewer = await ClientAsync(app, Roles.Reviewer);
        var report = await PostAsync(prosecutor, "/api/v1/reports", new
        {
            receivedAt = DateTimeOffset.UtcNow.AddHours(-2),
            source = "relative",
            narrative = "Сына избили в отделе полиции.",
            region = "KZ-75",
            victims = new[] { new { lastName = "Сейтказиев", firstName = "Данияр" } },
            alleged = new[] { new { agency = "police" } },
        });
        var reportId = report.GetProperty("id").GetGuid();
        await PostAsync(prosecutor, $"/api/v1/reports/{reportId}/refuse", new { grounds = "нет события" });
        var complaint = await PostAsync(prosecutor, "/api/v1/complaints", new { kind = "refusal", reportId, grounds = "проверка не проводилась", complainant = "relative" });
        var complaintId = complaint.GetProperty("id").GetGuid();
        var decided = await PostAsync(reviewer, $"/api/v1/complaints/{complaintId}/decision", new { outcome = "upheld", reasons = "отказ немотивирован" });
        var decision = decided.GetProperty("decision");
        return (complaintId, decision.GetProperty("id").GetGuid(), decision.GetProperty("reportDecisionId").GetGuid());
    }

    internal static async Task<HttpClient> ClientAsync(LogNode app, string role)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var user = await UserAccounts.CreateAsync(scope.ServiceProvider, $"{role.ToLowerInvariant()}-{suffix}@example.kz", role, "KZ-75", null, "review-password-1", role, "ru");
        var token = await scope.ServiceProvider.GetRequiredService<ApiTokens>().IssueAsync(user.Id, TimeSpan.FromDays(1), CancellationToken.None);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    internal static async Task<JsonElement> PostAsync(HttpClient client, string url, object body)
    {
        var res = await client.PostAsJsonAsync(url, body);
        var text = await res.Content.ReadAsStringAsync();
        Assert.True(res.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.Clone();
    }
}
