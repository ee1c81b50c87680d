using System.Globalization;
using System.Resources;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Notifications;
using Aigaq.Rules;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

/// <summary>
/// Composes the messages that announce a detention: one per contact and channel, and one to each
/// supervisory prosecutor of the region. They are outbox rows; the dispatcher delivers them.
/// </summary>
public sealed class DetentionNotices(AigaqDb db, TimeProvider clock)
{
    public static readonly IReadOnlyList<string> Languages = ["kk", "ru", "en"];
    private const string DefaultLanguage = "ru";
    private static readonly ResourceManager Messages = new("Aigaq.Notifications.Messages", typeof(DetentionNotices).Assembly);

    public async Task<List<Notification>> ForRegistrationAsync(Detention d, Facility destination, RulePack pack, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var personLanguage = Pick(d.Language, null);
        var result = new List<Notification>();

        foreach (var c in d.Contacts)
        {
            var role = c.Role switch
            {
                ContactRole.Relative => "relative",
                ContactRole.TrustedPerson => "trustedPerson",
                _ => "defender",
            };
            var language = Pick(c.Language, personLanguage);
            if (c.Email is not null)
            {
                result.Add(Compose(d, destination, pack, role, NotificationChannel.Email, c.Email, language, now));
            }

            if (c.Phone is not null)
            {
                result.Add(Compose(d, destination, pack, role, NotificationChannel.Sms, c.Phone, language, now));
            }
        }

        var prosecutors = await (
            from u in db.Users
            join ur in db.UserRoles on u.Id equals ur.UserId
            join r in db.Roles on ur.RoleId equals r.Id
            where r.Name == Roles.Prosecutor && u.Region == d.Region && u.Email != null
            select new { u.Email, u.Language }).AsNoTracking().ToListAsync(ct);
        foreach (var p in prosecutors)
        {
            result.Add(Compose(d, destination, pack, "prosecutor", NotificationChannel.Email, p.Email!, Pick(p.Language, null), now));
        }

        return result;
    }

    private static string Pick(string? wanted, string? fallback) =>
        wanted is not null && Languages.Contains(wanted, StringComparer.OrdinalIgnoreCase)
            ? wanted.ToLowerInvariant()
            : fallback ?? DefaultLanguage;

    private static Notification Compose(
        Detention d, Facility destination, RulePack pack, string role, NotificationChannel channel,
        string address, string language, DateTimeOffset now)
    {
        var culture = CultureInfo.GetCultureInfo(language);
        var local = pack.ToLocal(d.DetainedAt);
        var when = local.ToString("dd.MM.yyyy HH:mm", CultureInfo.InvariantCulture) + " (UTC" + local.ToString("zzz", CultureInfo.InvariantCulture) + ")";
        object[] args = [d.Number, d.FullName, when, d.PlaceAddress, destination.Name, destination.Address, d.Agency];
        string Text(string name) => string.Format(culture, Messages.GetString(name, culture)!, args);
        return new Notification
        {
            Id = Guid.CreateVersion7(now),
            DetentionId = d.Id,
            Region = d.Region,
            Role = role,
            Channel = channel,
            Address = address,
            Language = language,
            Subject = Text("DetentionSubject"),
            Body = Text(channel == NotificationChannel.Sms ? "DetentionSms" : "DetentionBody"),
            CreatedAt = now,
            Status = NotificationStatus.Pending,
            NextAttemptAt = now,
        };
    }
}
