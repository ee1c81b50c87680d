using System.Globalization;
using Aigaq.Data;
using Aigaq.Facilities;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Detentions;

/// <summary>Where a person is held; the phone is absent when the register has none for the facility.</summary>
public sealed record PublicFacility(string Name, string Address, string? Phone = null);

/// <summary>
/// The public answer. The agency is the detaining agency as the officer named it; it is given, with the time since
/// when, whenever the person is held, even while the place is withheld.
/// </summary>
public sealed record PublicCustodyAnswer(bool InCustody, PublicFacility? Facility, DateTimeOffset? Since, string? Agency = null);

/// <summary>A lookup asked: its answer, or, when the searched name's budget is spent, none and when to ask again.</summary>
public sealed record LookupOutcome(PublicCustodyAnswer? Answer, TimeSpan RetryAfter);

/// <summary>
/// Tells a relative whether a person is held, where (unless the place is not yet confirmed), since when and by which
/// agency - and nothing else: no number, no grounds, no officers. Names match whatever their spelling
/// (<see cref="LookupName"/>), the patronymic only when given; the birth date must match exactly. Rate limited per
/// address and per searched name (<see cref="PublicLookupLimits"/>) against fishing.
/// </summary>
public sealed class PublicCustodyLookup(AigaqDb db, Access.AccessLog log, PublicLookupLimits limits)
{
    public const string RateLimitPolicy = "public-lookup";

    // More people than this of one birth date and one last name's spellings, all held at once, do not happen.
    private const int Candidates = 50;

    public async Task<Answer<PublicCustodyAnswer>> HandleAsync(
        HttpContext http, string? lastName, string? firstName, string? patronymic, string? birthDate, CancellationToken ct)
    {
        var v = new Validation();
        var last = v.RequiredName("lastName", lastName, 100);
        var first = v.RequiredName("firstName", firstName, 100);
        var middle = v.OptionalName("patronymic", patronymic, 100);
        DateOnly born = default;
        if (string.IsNullOrWhiteSpace(birthDate))
        {
            v.Add("birthDate", "is required");
        }
        else if (!DateOnly.TryParseExact(birthDate, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out born))
        {
            v.Add("birthDate", "must be a date as YYYY-MM-DD");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var outcome = await AskAsync(http.Connection.RemoteIpAddress, last, first, middle, born, ct);
        if (outcome.Answer is null)
        {
            http.Response.Headers.RetryAfter = Seconds(outcome.RetryAfter);
            return new ProblemResult(TypedResults.Problem(
                statusCode: StatusCodes.Status429TooManyRequests, type: ProblemTypes.RateLimited,
                title: "This name was looked up too often; try again later."));
        }

        return Answer<PublicCustodyAnswer>.Ok(outcome.Answer);
    }

    /// <summary>Whole seconds, rounded up, for a Retry-After header.</summary>
    public static string Seconds(TimeSpan after) =>
        ((long)Math.Ceiling(Math.Max(1, after.TotalSeconds))).ToString(CultureInfo.InvariantCulture);

    /// <summary>Looks the person up if the searched name's budget allows.</summary>
    public async Task<LookupOutcome> AskAsync(
        System.Net.IPAddress? address, string lastName, string firstName, string? patronymic, DateOnly birthDate, CancellationToken ct)
    {
        if (!limits.TryName(address, lastName, firstName, patronymic, birthDate, out var retryAfter))
        {
            log.Add(null, "public.custody-lookup", null, "limited");
            await db.SaveChangesAsync(ct);
            return new LookupOutcome(null, retryAfter);
        }

        return new LookupOutcome(await FindAsync(lastName, firstName, patronymic, birthDate, ct), TimeSpan.Zero);
    }

    public async Task<PublicCustodyAnswer> FindAsync(string lastName, string firstName, string? patronymic, DateOnly birthDate, CancellationToken ct)
    {
        var key = LookupName.Skeleton(lastName);

        // A row registered before lookup keys existed, not yet filled in by LookupKeyBackfill, is still found when
        // the names are typed exactly as registered.
        var exact = RegisterDetention.NameKey(lastName, firstName);
        var candidates = key.Length == 0 ? [] : await (
            from d in db.Set<Detention>().AsNoTracking()
            join f in db.Set<Facility>() on d.CurrentFacilityId equals f.Id
            where (d.LookupKey == key || (d.LookupKey == null && d.NameKey == exact))
                && d.BirthDate == birthDate && d.Status != CustodyStatus.Released
            orderby d.DetainedAt descending
            select new
            {
                d.Id,
                d.FirstName,
                d.Patronymic,
                d.Agency,
                f.Name,
                f.Address,
                f.Phone,
                d.DetainedAt,

                // A place recorded where it was not expected is not published until the prosecutor has checked it.
                Unconfirmed = db.Set<Alerts.Alert>().Any(a =>
                    a.DetentionId == d.Id && a.Code == Alerts.AlertCodes.PlaceNotAsExpected && a.Status == Alerts.AlertStatus.Open),
            }).Take(Candidates).ToListAsync(ct);

        // The first name always; the patronymic only when the asker gave one and the register has one.
        var held = candidates.FirstOrDefault(c =>
            LookupName.Meet(c.FirstName, firstName)
            && (string.IsNullOrWhiteSpace(patronymic) || c.Patronymic is null || LookupName.Meet(c.Patronymic, patronymic)));

        // Who asked is unknown; the log keeps the address and which record was revealed, so
        // fishing for someone can be seen afterwards.
        log.Add(null, "public.custody-lookup", held?.Id.ToString(), held is null ? "not-found" : "found");
        await db.SaveChangesAsync(ct);
        return held is null
            ? new PublicCustodyAnswer(false, null, null)
            : new PublicCustodyAnswer(
                true, held.Unconfirmed ? null : new PublicFacility(held.Name, held.Address, held.Phone), held.DetainedAt, held.Agency);
    }
}
