using System.Globalization;
using System.Resources;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Aigaq.Notifications;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Aigaq.Dashboard;

/// <summary>
/// Critical alerts reach the region's supervisory prosecutors at once (issue 14, item 1), beside their dashboard (it reads
/// detentions, reports and cases for the alert's number, so it sits with the pages composed of several areas): for each open alert of
/// critical severity (rule pack) raised within the pack's <c>alerts.messageWithinHours</c>, one message per active
/// Prosecutor account of its region, by e-mail and, where the account has a phone number and the pack does not send the
/// code by e-mail only (<c>alerts.emailOnly</c>), by SMS, in the account's
/// language. They are outbox rows (<see cref="Notification.AlertId"/>) that the dispatcher delivers and retries like any
/// other; a unique index keeps them to one per alert, channel and address when two nodes queue at once. Subjects name
/// the alert and the record's number, never a person. Alerts about a protected person (<see cref="AlertCodes.Protection"/>,
/// whatever their severity) go to the region's protection officers too, and say only that an alert waits (issue 15, item 7).
/// </summary>
public sealed class AlertMessages(
    IServiceScopeFactory scopes, RulePackCatalog rules, TimeProvider clock, IOptions<AigaqOptions> options, ILogger<AlertMessages> logger)
    : BackgroundService
{
    public static readonly TimeSpan Poll = TimeSpan.FromSeconds(2);
    private const int Batch = 200;
    private static readonly ResourceManager Messages = new("Aigaq.Notifications.Messages", typeof(AlertMessages).Assembly);
    private static readonly ResourceManager Labels = new("Aigaq.Web.SharedResource", typeof(AlertMessages).Assembly);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Workers)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // A poll four times a second: its queries are not traced (see LedgerIntegrator.StepAsync).
                using (OpenTelemetry.SuppressInstrumentationScope.Begin())
                {
                    await RunOnceAsync(stoppingToken);
                }
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Queueing alert messages failed; retrying");
            }

            await Task.Delay(Poll, clock, stoppingToken);
        }
    }

    /// <summary>Queues the messages of critical alerts that have none yet; returns how many were queued.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AigaqDb>();
        var now = clock.GetUtcNow();
        var pack = rules.At(now);
        var sent = pack.Alerts.Codes(AlertSeverity.Critical).Concat(AlertCodes.Protection).Concat(AlertCodes.Recommendations)
            .Concat(AlertCodes.ToMonitors).Distinct().ToList();
        var since = now.AddHours(-pack.Alerts.MessageWithinHours);
        var alerts = await db.Set<Alert>().AsNoTracking()
            .Where(a => a.Status == AlertStatus.Open && a.RaisedAt >= since && sent.Contains(a.Code)
                && !db.Set<Notification>().Any(n => n.AlertId == a.Id))
            .OrderBy(a => a.RaisedAt).Take(Batch).ToListAsync(ct);
        if (alerts.Count == 0)
        {
            return 0;
        }

        var regions = alerts.Select(a => a.Region).Distinct().ToList();
        var recipients = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where (r.Name == Roles.Prosecutor || r.Name == Roles.ProtectionOfficer || r.Name == Roles.Monitor)
                && !u.Deactivated && u.Region != null && regions.Contains(u.Region) && u.Email != null
            select new Recipient(u.Region!, u.Email!, u.PhoneNumber, u.Language, r.Name!)).AsNoTracking().ToListAsync(ct);
        var about = await AboutAsync(db, alerts, ct);

        // A UN recommendation's reminder is national (issue 18, item 6): it goes to every active analyst and monitor,
        // of any region or none, whatever its severity.
        List<Recipient> national = alerts.Any(a => AlertCodes.Recommendations.Contains(a.Code)) ? await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where (r.Name == Roles.Analyst || r.Name == Roles.Monitor) && !u.Deactivated && u.Email != null
            select new Recipient(u.Region ?? "", u.Email!, u.PhoneNumber, u.Language, r.Name!)).AsNoTracking().ToListAsync(ct) : [];

        var queued = 0;
        foreach (var alert in alerts)
        {
            var protection = AlertCodes.Protection.Contains(alert.Code);
            // An access denial on a monitoring visit goes to the Commissioner's office too: the region's monitors (ADR 0030).
            var commissioner = AlertCodes.ToCommissioner.Contains(alert.Code);
            // A UN recommendation's reminder is national; a visit's recommendation (repeated, its response overdue) is the
            // region's monitors' to follow, and theirs only.
            var nationally = AlertCodes.Recommendations.Contains(alert.Code);
            var monitorsOnly = AlertCodes.ToMonitors.Contains(alert.Code);
            foreach (var p in (nationally ? national : recipients)
                .Where(p => nationally || (p.Region == alert.Region && (monitorsOnly
                    ? p.Role == Roles.Monitor
                    : p.Role == Roles.Prosecutor || (protection && p.Role == Roles.ProtectionOfficer) || (commissioner && p.Role == Roles.Monitor))))
                .DistinctBy(p => p.Email, StringComparer.OrdinalIgnoreCase))
            {
                db.Add(Compose(alert, about[alert.Id], pack, NotificationChannel.Email, p.Email, p.Language, p.Role, now));
                // By SMS too, unless the pack sends this code by e-mail only (alerts.emailOnly).
                if (pack.Alerts.BySms(alert.Code) && p.Phone is { } phone && Web.PhoneNumber.IsValid(phone))
                {
                    db.Add(Compose(alert, about[alert.Id], pack, NotificationChannel.Sms, phone, p.Language, p.Role, now));
                }
            }

            try
            {
                // One alert at a time: another node that queued the same alert's messages first makes this one fail on
                // the unique index, and only this alert's messages are dropped.
                var added = db.ChangeTracker.Entries<Notification>().Count();
                await db.SaveChangesAsync(ct);
                queued += added;
            }
            catch (DbUpdateException)
            {
                // Queued by the other node.
            }
            finally
            {
                db.ChangeTracker.Clear();
            }
        }

        return queued;
    }

    private sealed record Recipient(string Region, string Email, string? Phone, string? Language, string Role);

    /// <summary>What each alert is about, as a kind and a number: a detention, a report or a case.</summary>
    private static async Task<Dictionary<Guid, (string Kind, string Number)>> AboutAsync(AigaqDb db, List<Alert> alerts, CancellationToken ct)
    {
        var detentionIds = alerts.Where(a => a.DetentionId != null).Select(a => a.DetentionId!.Value).ToList();
        var reportIds = alerts.Where(a => a.ReportId != null).Select(a => a.ReportId!.Value).ToList();
        var caseIds = alerts.Where(a => a.CaseId != null).Select(a => a.CaseId!.Value).ToList();
        var detentions = await db.Set<Detention>().AsNoTracking().Where(d => detentionIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, d => d.Number, ct);
        var reports = await db.Set<Report>().AsNoTracking().Where(r => reportIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, r => r.Number, ct);
        var cases = await db.Set<Case>().AsNoTracking().Where(c => caseIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, c => c.ErdrNumber, ct);
        return alerts.ToDictionary(a => a.Id, a =>
            a.DetentionId is { } d && detentions.TryGetValue(d, out var dn) ? ("AlertAboutDetention", dn)
            : a.ReportId is { } r && reports.TryGetValue(r, out var rn) ? ("AlertAboutReport", rn)
            : a.CaseId is { } c && cases.TryGetValue(c, out var cn) ? ("AlertAboutCase", cn)
            : a.Code == AlertCodes.AccessDenied || AlertCodes.ToMonitors.Contains(a.Code) ? ("AlertAboutVisit", a.Detail ?? "—")
            : AlertCodes.Recommendations.Contains(a.Code) ? ("AlertAboutRecommendation", a.Detail ?? "—")
            : ("AlertAboutDetention", "—"));
    }

    private Notification Compose(
        Alert alert, (string Kind, string Number) about, RulePack pack, NotificationChannel channel, string address, string? language, string role,
        DateTimeOffset now)
    {
        var lang = language is "kk" or "ru" or "en" ? language : "ru";
        var culture = CultureInfo.GetCultureInfo(lang);
        string Message(string name, params object[] args) => string.Format(culture, Messages.GetString(name, culture)!, args);
        string When(DateTimeOffset at) => pack.ToLocal(at).ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture);
        var discreet = AlertCodes.IsDiscreet(alert.Code);
        var label = discreet ? Message("AlertDiscreet") : Labels.GetString("Alert." + alert.Code, culture) ?? alert.Code;
        var subject = discreet ? Message("AlertAboutUnsaid") : Message(about.Kind, about.Number);
        // A protection officer cannot open the alerts page (it is the prosecutors'): they are asked to sign in.
        var open = role is Roles.ProtectionOfficer or Roles.Monitor or Roles.Analyst ? Message("AlertOpenSignIn")
            : options.Value.PublicUrl is { } url ? new Uri(url, $"/alerts/{alert.Id}").ToString()
            : Message("AlertOpenPage");
        object[] args = [label, subject, When(alert.RaisedAt), alert.DueAt is { } due ? When(due) : "—", open];
        return new Notification
        {
            Id = Guid.CreateVersion7(now),
            AlertId = alert.Id,
            Region = alert.Region,
            Role = role == Roles.ProtectionOfficer ? "protectionOfficer" : role == Roles.Monitor ? "commissioner" : role == Roles.Analyst ? "analyst" : "prosecutor",
            Channel = channel,
            Address = address,
            Language = lang,
            Subject = Message("AlertSubject", label, subject),
            Body = Message(channel == NotificationChannel.Sms ? "AlertSms" : "AlertBody", args),
            CreatedAt = now,
            Status = NotificationStatus.Pending,
            NextAttemptAt = now,
        };
    }
}
