using System.Globalization;
using System.Net;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Dashboard;
using Aigaq.Notifications;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Visits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Aigaq.Tests.Visits;

/// <summary>
/// A visit's recommendations to the authority (issue 17, item 8; ADR 0030, addendum): made on a visit the team arrived
/// at, bad input named with nothing written; the same recommendation made again to the place (matched tolerantly or named)
/// marked repeated with RepeatedRecommendation; the authority's responses appended, the latest the status; listed by
/// facility and status; checked again at the next visit and shown open there on the page; RecommendationResponseOverdue
/// raised by the scan once the response day ends, both codes told to the region's monitors only; the plan ranking a place
/// with repeated open recommendations and a denial above a quiet one, with the reasons. Monitors of the region only.
/// </summary>
public abstract class VisitRecommendationTests(VisitMailHost fixture)
{
    private AigaqHost Host => fixture.Host;

    private static RulePack Pack => RulePackCatalog.LoadEmbedded().All[^1];

    private string Day(int days) =>
        DateOnly.FromDateTime(Pack.ToLocal(Host.Now).DateTime).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>A visit to <paramref name="facility"/> planned <paramref name="hoursAgo"/> hours ago, approved by another monitor, arrived (unless not).</summary>
    private async Task<string> VisitAsync(Guid facility, TestUser monitor, TestUser approver, int hoursAgo, bool arrive = true)
    {
        var id = (await (await monitor.Client.PostJsonAsync("/api/v1/visits", new JsonObject
        {
            ["facilityId"] = facility.ToString(),
            ["plannedFor"] = Requests.Instant(Host.Now.AddHours(-hoursAgo)),
            ["kind"] = "regular",
            ["announced"] = false,
            ["team"] = new JsonArray(
                new JsonObject { ["name"] = "Айгүл Сейтқалиева", ["role"] = "lead", ["sex"] = "female" },
                new JsonObject { ["name"] = "Ержан Байжанов", ["role"] = "doctor", ["sex"] = "male" }),
        })).ExpectAsync(HttpStatusCode.Created)).Str("id");
        await (await approver.Client.PostJsonAsync($"/api/v1/visits/{id}/approval", new JsonObject())).ExpectAsync(HttpStatusCode.Created);
        if (arrive)
        {
            await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{id}/arrival", new JsonObject { ["arrivedAt"] = Requests.Instant(Host.Now.AddHours(-hoursAgo).AddMinutes(10)) }))
                .ExpectAsync(HttpStatusCode.Created);
        }

        return id;
    }

    private JsonObject Recommendation(string addressee, string theme, string text, string priority = "high", int dueInDays = 30) => new()
    {
        ["addressee"] = addressee,
        ["theme"] = theme,
        ["text"] = text,
        ["priority"] = priority,
        ["responseDueBy"] = Day(dueInDays),
    };

    [Fact]
    public async Task Recommendations_are_made_repeated_answered_checked_at_the_next_visit_and_overdue_ones_alert_the_monitors()
    {
        var facility = await Host.FacilityAsync(region: "KZ-33", name: "ИВС ДП Жетісу");
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-33", language: "ru");
        var approver = await Host.UserAsync(Roles.Monitor, region: "KZ-33", language: "en");
        var prosecutor = await Host.UserAsync(Roles.Prosecutor, region: "KZ-33");
        var first = await VisitAsync(facility.Id, monitor, approver, hoursAgo: 5);
        var url = $"/api/v1/visits/{first}/recommendations";
        var medicines = Recommendation("Начальник ИВС", "healthCare", "Обеспечить постоянное наличие лекарств и круглосуточный доступ к врачу в ИВС.", "urgent");

        // Bad input is named and nothing is written; nor before the team arrived.
        async Task RefusedAsync(JsonObject body, string field) => await (await monitor.Client.PostJsonAsync(url, body)).ExpectProblemAsync(HttpStatusCode.BadRequest, field);
        await RefusedAsync(medicines.DeepClone().AsObject().Without("addressee"), "addressee");
        await RefusedAsync(medicines.DeepClone().AsObject().With("theme", "food"), "theme");
        await RefusedAsync(medicines.DeepClone().AsObject().Without("text"), "text");
        await RefusedAsync(medicines.DeepClone().AsObject().With("responseDueBy", Day(-1)), "responseDueBy");
        await RefusedAsync(medicines.DeepClone().AsObject().With("responseDueBy", Day(Pack.VisitRecommendations.ResponseDueMaxDays + 1)), "responseDueBy");
        await RefusedAsync(medicines.DeepClone().AsObject().With("repeats", Guid.NewGuid().ToString()), "repeats");
        var waiting = await VisitAsync(facility.Id, monitor, approver, hoursAgo: 4, arrive: false);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{waiting}/recommendations", medicines)).ExpectProblemAsync(HttpStatusCode.Conflict, "arrival");
        Assert.Equal(0, await Host.WithDbAsync(db => db.Set<VisitRecommendation>().CountAsync(r => r.FacilityId == facility.Id)));

        var key = Guid.NewGuid().ToString("N");
        var made = await (await monitor.Client.PostJsonAsync(url, medicines, key)).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(made.Str("id"), (await (await monitor.Client.PostJsonAsync(url, medicines, key)).ExpectAsync(HttpStatusCode.Created)).Str("id"));
        var a = made.Str("id");
        Assert.StartsWith("VR-", made.Str("number"), StringComparison.Ordinal);
        Assert.Null(made["repeats"]);
        var b = (await (await monitor.Client.PostJsonAsync(url, Recommendation("Начальник ИВС", "healthCare", "Принять в штат психолога."))).ExpectAsync(HttpStatusCode.Created)).Str("id");
        // Made on the same visit, the same text is not "again".
        var same = await (await monitor.Client.PostJsonAsync(url, medicines)).ExpectAsync(HttpStatusCode.Created);
        Assert.Null(same["repeats"]);
        Assert.Equal(1, await Host.WithDbAsync(db => db.Set<LedgerEntry>().CountAsync(e => e.Kind == VisitRecommendationLedger.Recommended && e.RecordId == Guid.Parse(a))));
        // What the log commits names no one: the addressee and the text are digests.
        var committed = VisitRecommendationLedger.Content(await Host.WithDbAsync(db => db.Set<VisitRecommendation>().AsNoTracking().SingleAsync(r => r.Id == Guid.Parse(a))));
        Assert.Matches("^[0-9a-f]{64}$", committed.Str("text"));
        Assert.Matches("^[0-9a-f]{64}$", committed.Str("addressee"));

        // The authority's responses are appended; the latest is the status.
        var responses = $"/api/v1/visit-recommendations/{a}/responses";
        await (await monitor.Client.PostJsonAsync(responses, new JsonObject { ["at"] = Requests.Instant(Host.Now.AddHours(-1)), ["status"] = "accepted" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "text");
        await (await monitor.Client.PostJsonAsync(responses, new JsonObject { ["at"] = Requests.Instant(Host.Now.AddHours(2)), ["text"] = "x", ["status"] = "accepted" })).ExpectProblemAsync(HttpStatusCode.BadRequest, "at");
        await (await monitor.Client.PostJsonAsync(responses, new JsonObject { ["at"] = Requests.Instant(Host.Now.AddHours(-2)), ["text"] = "Письмо № 12: согласны", ["status"] = "accepted" })).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync(responses, new JsonObject { ["at"] = Requests.Instant(Host.Now.AddHours(-1)), ["text"] = "Письмо № 15: закуплено", ["status"] = "implemented" })).ExpectAsync(HttpStatusCode.Created);
        var read = await (await monitor.Client.GetAsync($"/api/v1/visit-recommendations/{a}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal("implemented", read["recommendation"].Str("status"));
        Assert.Equal(["accepted", "implemented"], read["responses"].Objects().Select(r => r.Str("status")));
        // Said to be implemented is not seen to be: it stays open until a team checks it.
        Assert.True(read["recommendation"]!["open"]!.GetValue<bool>());

        var list = $"/api/v1/visit-recommendations?facility={facility.Id}";
        async Task<string[]> ListedAsync(string status) =>
            [.. (await (await monitor.Client.GetAsync($"{list}&status={status}")).ExpectAsync(HttpStatusCode.OK))["items"].Objects().Select(r => r.Str("id"))];
        Assert.Equal([a], await ListedAsync("implemented"));
        Assert.Contains(b, await ListedAsync("awaiting"));
        Assert.DoesNotContain(a, await ListedAsync("awaiting"));
        await (await monitor.Client.GetAsync($"{list}&status=done")).ExpectProblemAsync(HttpStatusCode.BadRequest, "status");

        // The next visit: the same recommendation in other words (and spacing) is marked repeated, of the latest alike, and
        // alerted; one named by `repeats` too. Each earlier one is checked again; a check found implemented closes it.
        var second = await VisitAsync(facility.Id, monitor, approver, hoursAgo: 2);
        var again = await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{second}/recommendations",
            Recommendation("начальник  ИВС", "healthCare", "Обеспечить в ИВС постоянное наличие лекарств и круглосуточный доступ к врачу!"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(same.Str("id"), again.Str("repeats"));
        var repeatedAlert = await Host.WithDbAsync(db => db.Set<Alert>().AsNoTracking().SingleAsync(x => x.Id == Guid.Parse(again.Str("alertId"))));
        Assert.Equal((AlertCodes.RepeatedRecommendation, "KZ-33"), (repeatedAlert.Code, repeatedAlert.Region));
        Assert.DoesNotContain("лекарств", repeatedAlert.Detail, StringComparison.Ordinal);
        var named = await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{second}/recommendations",
            Recommendation("Департамент полиции", "staff", "Назначить психолога.").With("repeats", b))).ExpectAsync(HttpStatusCode.Created);
        Assert.Equal(b, named.Str("repeats"));
        var other = await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{second}/recommendations",
            Recommendation("Начальник ИВС", "materialConditions", "Обеспечить в ИВС постоянное наличие лекарств и круглосуточный доступ к врачу!"))).ExpectAsync(HttpStatusCode.Created);
        Assert.Null(other["repeats"]);

        JsonObject Check(string visit, string finding) => new() { ["visitId"] = visit, ["at"] = Requests.Instant(Host.Now.AddMinutes(-30)), ["finding"] = finding };
        await (await monitor.Client.PostJsonAsync($"/api/v1/visit-recommendations/{a}/checks", Check(first, "not"))).ExpectProblemAsync(HttpStatusCode.BadRequest, "visitId");
        await (await monitor.Client.PostJsonAsync($"/api/v1/visit-recommendations/{a}/checks", Check(second, "not"))).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visit-recommendations/{a}/checks", Check(second, "partly"))).ExpectProblemAsync(HttpStatusCode.Conflict, "visitId");
        await (await monitor.Client.PostJsonAsync($"/api/v1/visit-recommendations/{b}/checks", Check(second, "implemented"))).ExpectAsync(HttpStatusCode.Created);
        var open = await ListedAsync("open");
        Assert.Contains(a, open);
        Assert.DoesNotContain(b, open);

        // The next visit's page lists what is still open from before, with a form to record what the team found.
        var page = await monitor.Client.GetStringAsync($"/visits/{second}");
        Assert.Contains($"id=\"recheck-{a}\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain($"id=\"recheck-{b}\"", page, StringComparison.Ordinal);
        Assert.Contains("id=\"recommendation-form\"", page, StringComparison.Ordinal);
        Assert.Contains("data-repeated=\"true\"", page, StringComparison.Ordinal);

        // The place's monitoring profile counts its open recommendations and the repeated among them; the region's monitors
        // also get the list, each marked with what it repeats (the read logged); a prosecutor the counts only.
        var openRows = await Host.WithDbAsync(db => RecommendationState.Open(db.Set<VisitRecommendation>().Where(r => r.FacilityId == facility.Id), db.Set<VisitRecommendationCheck>())
            .Select(r => new { r.Id, r.RepeatsId }).ToListAsync());
        Assert.Equal(open.Length, openRows.Count);
        var profile = await (await monitor.Client.GetAsync($"/api/v1/facilities/{facility.Id}/monitoring")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(openRows.Count, profile["openRecommendations"]!.GetValue<int>());
        Assert.Equal(openRows.Count(r => r.RepeatsId != null), profile["openRepeated"]!.GetValue<int>());
        Assert.True(profile["openRepeated"]!.GetValue<int>() >= 1);
        Assert.Equal(
            openRows.Select(r => $"{r.Id}:{r.RepeatsId}").Order(StringComparer.Ordinal),
            profile["openRecommendationList"].Objects().Select(r => $"{r.Str("id")}:{r["repeats"]?.GetValue<string>()}").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(b, profile["openRecommendationList"].Objects().Select(r => r.Str("id")));
        var seen = await (await prosecutor.Client.GetAsync($"/api/v1/facilities/{facility.Id}/monitoring")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(openRows.Count, seen["openRecommendations"]!.GetValue<int>());
        Assert.Empty(seen["openRecommendationList"]!.AsArray());
        Assert.Contains($"id=\"profile-open\" data-open=\"{openRows.Count}\" data-repeated=\"{openRows.Count(r => r.RepeatsId != null)}\"", page, StringComparison.Ordinal);

        // The response day of the unanswered ones ends: one overdue alert each, once, however often the scan runs.
        var due = await Host.WithDbAsync(db => db.Set<VisitRecommendation>().Where(r => r.FacilityId == facility.Id).Select(r => new { r.Id, r.ResponseDueAt }).ToListAsync());
        var dueAt = due.Max(r => r.ResponseDueAt);
        await RecommendationScanner.ScanAsync(Host.Services.GetRequiredService<IServiceScopeFactory>(), dueAt.AddMinutes(-1), CancellationToken.None);
        var ids = due.Select(r => r.Id).ToList();
        async Task<List<Alert>> OverdueAsync() => (await Host.WithDbAsync(db => db.Set<Alert>().AsNoTracking().Where(x => x.Code == AlertCodes.RecommendationResponseOverdue).ToListAsync()))
            .Where(x => ids.Any(id => x.Key.Contains(id.ToString(), StringComparison.Ordinal))).ToList();
        Assert.Empty(await OverdueAsync());
        await RecommendationScanner.ScanAsync(Host.Services.GetRequiredService<IServiceScopeFactory>(), dueAt, CancellationToken.None);
        await RecommendationScanner.ScanAsync(Host.Services.GetRequiredService<IServiceScopeFactory>(), dueAt.AddDays(1), CancellationToken.None);
        var overdue = await OverdueAsync();
        Assert.Equal(ids.Count - 1, overdue.Count);
        Assert.DoesNotContain(overdue, x => x.Key.Contains(a, StringComparison.Ordinal));

        // Both codes go to the region's monitors (the Commissioner's office), not to the prosecutor, in their language.
        await Host.Services.GetRequiredService<AlertMessages>().RunOnceAsync(CancellationToken.None);
        var alertIds = overdue.Select(x => x.Id).Append(repeatedAlert.Id).ToList();
        var queued = await Host.WithDbAsync(db => db.Set<Notification>().AsNoTracking().Where(n => n.AlertId != null && alertIds.Contains(n.AlertId.Value)).ToListAsync());
        Assert.Equal(alertIds.Count * 2, queued.Count(n => n.Channel == NotificationChannel.Email));
        Assert.All(queued, n => Assert.Equal("commissioner", n.Role));
        Assert.DoesNotContain(queued, n => n.Address == prosecutor.User.Email);
        Assert.Contains(queued, n => n.Address == monitor.User.Email && n.Subject.Contains("Рекомендация дана повторно", StringComparison.Ordinal));
        Assert.Contains(queued, n => n.Address == approver.User.Email && n.Subject.Contains("No response to a recommendation", StringComparison.Ordinal));

        // Each visit lists the recommendation alerts raised on it: the repeat on the second, the overdue ones where each was made.
        foreach (var visit in new[] { first, second })
        {
            var shown = (await (await monitor.Client.GetAsync($"/api/v1/visits/{visit}")).ExpectAsync(HttpStatusCode.OK))["alerts"].Objects()
                .Select(x => x.Str("id")).Order(StringComparer.Ordinal).ToList();
            var suffix = GetVisit.KeySuffix(Guid.Parse(visit));
            var raised = (await Host.WithDbAsync(db => db.Set<Alert>().AsNoTracking()
                    .Where(x => x.Code == AlertCodes.RepeatedRecommendation || x.Code == AlertCodes.RecommendationResponseOverdue).ToListAsync()))
                .Where(x => x.Key.EndsWith(suffix, StringComparison.Ordinal)).Select(x => x.Id.ToString()).Order(StringComparer.Ordinal).ToList();
            Assert.Subset(raised.ToHashSet(), overdue.Append(repeatedAlert).Where(x => x.Key.EndsWith(suffix, StringComparison.Ordinal)).Select(x => x.Id.ToString()).ToHashSet());
            Assert.NotEmpty(raised);
            Assert.Equal(raised, shown);
        }

        Assert.Contains(repeatedAlert.Id.ToString(), (await (await monitor.Client.GetAsync($"/api/v1/visits/{second}")).ExpectAsync(HttpStatusCode.OK))["alerts"]
            .Objects().Select(x => x.Str("id")));

        // Only the region's monitors: another region's finds nothing; other roles are refused.
        var stranger = await Host.UserAsync(Roles.Monitor, region: "KZ-31");
        await (await stranger.Client.GetAsync($"/api/v1/visit-recommendations/{a}")).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PostJsonAsync(responses, new JsonObject { ["at"] = Requests.Instant(Host.Now), ["text"] = "x", ["status"] = "rejected" })).ExpectProblemAsync(HttpStatusCode.NotFound);
        await (await stranger.Client.PostJsonAsync(url, medicines)).ExpectProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty((await (await stranger.Client.GetAsync(list)).ExpectAsync(HttpStatusCode.OK))["items"].Objects());
        foreach (var role in new[] { Roles.Officer, Roles.Prosecutor, Roles.Analyst, Roles.Administrator })
        {
            var user = await Host.UserAsync(role, region: "KZ-33");
            Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.PostJsonAsync(url, medicines)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.PostJsonAsync(responses, new JsonObject())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.PostJsonAsync($"/api/v1/visit-recommendations/{a}/checks", new JsonObject())).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.GetAsync(list)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await user.Client.GetAsync($"/api/v1/visit-recommendations/{a}")).StatusCode);
        }

        Assert.Equal(2, await Host.WithDbAsync(db => db.Set<VisitRecommendationResponse>().CountAsync(r => r.RecommendationId == Guid.Parse(a))));
    }

    [Fact]
    public async Task The_visit_page_lists_every_recommendation_past_the_first_page_of_the_list()
    {
        var facility = await Host.FacilityAsync(region: "KZ-35", name: "ИВС ОП г. Балхаша");
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-35");
        var approver = await Host.UserAsync(Roles.Monitor, region: "KZ-35");
        var visit = await VisitAsync(facility.Id, monitor, approver, hoursAgo: 3);
        var count = ListVisitRecommendations.PageSize + 3;
        for (var i = 0; i < count; i++)
        {
            await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{visit}/recommendations",
                Recommendation("Начальник ИВС", "materialConditions", $"Отремонтировать камеру номер {i}", "normal"))).ExpectAsync(HttpStatusCode.Created);
        }

        var first = await (await monitor.Client.GetAsync($"/api/v1/visit-recommendations?facility={facility.Id}")).ExpectAsync(HttpStatusCode.OK);
        Assert.Equal(ListVisitRecommendations.PageSize, first["items"]!.AsArray().Count);
        var page = await monitor.Client.GetStringAsync($"/visits/{visit}");
        var made = page[page.IndexOf("id=\"recommendations-made\"", StringComparison.Ordinal)..];
        made = made[..made.IndexOf("</ul>", StringComparison.Ordinal)];
        Assert.Equal(count, made.Split("data-recommendation=", StringSplitOptions.None).Length - 1);
        var ids = await Host.WithDbAsync(db => db.Set<VisitRecommendation>().Where(r => r.VisitId == Guid.Parse(visit)).Select(r => r.Id).ToListAsync());
        Assert.Equal(count, ids.Count);
        Assert.All(ids, id => Assert.Contains($"data-recommendation=\"{id}\"", made, StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_plan_ranks_a_place_with_repeated_open_recommendations_and_a_denial_above_a_quiet_one_with_the_reasons()
    {
        var loud = await Host.FacilityAsync(region: "KZ-55", name: "ИВС Павлодар");
        var quiet = await Host.FacilityAsync(region: "KZ-55", name: "ИВС Екибастуз");
        var monitor = await Host.UserAsync(Roles.Monitor, region: "KZ-55");
        var approver = await Host.UserAsync(Roles.Monitor, region: "KZ-55");
        var first = await VisitAsync(loud.Id, monitor, approver, hoursAgo: 6);
        var text = "Оборудовать прогулочный двор навесом.";
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{first}/recommendations", Recommendation("Начальник ИВС", "materialConditions", text))).ExpectAsync(HttpStatusCode.Created);
        var second = await VisitAsync(loud.Id, monitor, approver, hoursAgo: 3);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{second}/recommendations", Recommendation("Начальник ИВС", "materialConditions", text))).ExpectAsync(HttpStatusCode.Created);
        await (await monitor.Client.PostJsonAsync($"/api/v1/visits/{second}/access-denials", new JsonObject
        {
            ["at"] = Requests.Instant(Host.Now.AddHours(-2)),
            ["what"] = "register",
            ["by"] = "дежурный",
        })).ExpectAsync(HttpStatusCode.Created);

        var plan = await (await monitor.Client.GetAsync("/api/v1/visits/plan?year=2027")).ExpectAsync(HttpStatusCode.OK);
        var places = plan["facilities"].Objects().ToList();
        Assert.Equal([loud.Id.ToString(), quiet.Id.ToString()], places.Select(f => f.Str("id")).Where(id => id == loud.Id.ToString() || id == quiet.Id.ToString()));
        var rules = Pack.VisitPlanning;
        var reasons = places.Single(f => f.Str("id") == loud.Id.ToString())["reasons"].Objects().ToDictionary(r => r.Str("factor"), r => r["value"]!.GetValue<decimal>());
        Assert.Equal(2m, reasons[VisitRiskFactors.OpenRecommendations]);
        Assert.Equal(1m, reasons[VisitRiskFactors.RepeatedRecommendations]);
        Assert.Equal(1m, reasons[VisitRiskFactors.AccessDenials]);
        // Visited hours ago: no days since the last visit; the quiet place, never visited, counts the pack's cap.
        Assert.False(reasons.ContainsKey(VisitRiskFactors.DaysSinceLastVisit));
        var quietReasons = places.Single(f => f.Str("id") == quiet.Id.ToString())["reasons"].Objects().ToList();
        Assert.Equal((VisitRiskFactors.DaysSinceLastVisit, (decimal)rules.LastVisitCapDays), (quietReasons.Single().Str("factor"), quietReasons.Single()["value"]!.GetValue<decimal>()));
    }
}

/// <summary>The rule that makes a recommendation the same as an earlier one (ADR 0030, addendum), on its own.</summary>
public sealed class RecommendationMatchTests
{
    [Fact]
    public void Texts_match_as_the_same_recommendation_by_their_words_and_the_addressee_by_its_letters()
    {
        Assert.True(RecommendationMatch.SameAddressee("Начальник  ИВС", "начальник ИВС."));
        Assert.False(RecommendationMatch.SameAddressee("Начальник ИВС", "Начальник ДП"));
        Assert.Equal(1m, RecommendationMatch.Similarity("Обеспечить врача.", "обеспечить  ВРАЧА"));
        Assert.True(RecommendationMatch.Similarity("Обеспечить наличие лекарств в ИВС", "Обеспечить в ИВС наличие лекарств и врача") >= 0.6m);
        Assert.True(RecommendationMatch.Similarity("Обеспечить наличие лекарств", "Принять в штат психолога") < 0.6m);
    }
}

public sealed class VisitRecommendationsOnSqlite(VisitMailSqlite fixture) : VisitRecommendationTests(fixture), IClassFixture<VisitMailSqlite>;

public sealed class VisitRecommendationsOnPostgres(VisitMailPostgres fixture) : VisitRecommendationTests(fixture), IClassFixture<VisitMailPostgres>;
