using System.Security.Claims;
using Aigaq.Alerts;
using Aigaq.Cases;
using Aigaq.Data;
using Aigaq.Detentions;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Protection;

/// <summary>
/// A detainee who complains of ill-treatment in custody is protected from the start (issue 15, item 1): they are held by
/// the people they accuse, and a choice left to those people's colleagues would protect no one. So the protection scan,
/// reading the log's custody events (<see cref="MatchDetentions"/>), registers every such complainant as a protected
/// person by itself: role complainant, confidential, high risk, linked to the report the complaint made
/// (<see cref="ReportFromCustody"/>) and to the detention, with the identity the detention gives (ADR 0022 seals it).
/// <list type="bullet">
/// <item>Aigaq itself is the registrant (<see cref="Registrant"/>), not the officer who recorded the complaint: only the
/// region's protection officers read the person, and the police's transaction carries nothing of the protection.</item>
/// <item>The registration finds the person held now and raises <see cref="AlertCodes.ProtectedPersonDetained"/>, which
/// reaches the protection officers and the supervisory prosecutor: that is how they learn of the complainant.</item>
/// <item>A detainee who is already a protected person (by blind index) gets a change linking the report instead of a
/// second pseudonym.</item>
/// <item>If the person cannot be registered (too few custodians, an identity the register refuses), nothing is half
/// written and <see cref="AlertCodes.ComplainantNotProtected"/> asks the protection officers to do it by hand. It is not
/// attached to the report (which the officer who recorded the complaint reads): its detail gives the report's number.</item>
/// </list>
/// Each complaint is handled in its own transaction under the match cursor's row lock, so two nodes never register the
/// same complainant twice; a complaint whose report already protects someone is skipped, so a pass read again is a no-op.
/// </summary>
internal sealed class ProtectCustodyComplainants(
    AigaqDb db, RegisterProtectedPerson register, ProtectionKeys keys, ILogger<ProtectCustodyComplainants> logger, SqliteWriteGate? gate = null)
{
    /// <summary>The user id of Aigaq's own registrations: no account has it, so no one reads them as their registrant.</summary>
    public static readonly Guid Registrant = Guid.Empty;

    private static readonly ClaimsPrincipal Aigaq = new(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, Registrant.ToString())], "aigaq"));

    /// <summary>Protects the complainants of the custody events among <paramref name="eventIds"/>; how many were protected or linked.</summary>
    public async Task<int> ProtectAsync(IReadOnlyCollection<Guid> eventIds, DateTimeOffset now, CancellationToken ct)
    {
        if (eventIds.Count == 0 || keys.Index is not { } index)
        {
            return 0;
        }

        var complaints = await db.Set<DetentionEvent>().AsNoTracking()
            .Where(e => eventIds.Contains(e.Id) && e.Type == EventTypes.IllTreatmentComplaint && e.Corrects == null)
            .Join(db.Set<Report>(), e => e.Id, r => r.DetentionEventId, (e, r) => r)
            .Join(db.Set<Detention>(), r => r.DetentionId, d => d.Id, (r, d) => new { Report = r, Detention = d })
            .ToListAsync(ct);
        var done = 0;
        foreach (var c in complaints)
        {
            try
            {
                done += await ProtectAsync(index, c.Report, c.Detention, now, ct) ? 1 : 0;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One complaint that fails (a deadlock, a person erased meanwhile) neither stops the scan for every other
                // protected person nor is passed over in silence: its transaction is rolled back and the officers are told.
                db.ChangeTracker.Clear();
                logger.LogError(e, "Protecting a custody complainant failed; report {ReportId} raised {Code}", c.Report.Id, AlertCodes.ComplainantNotProtected);
                await NotProtectedAsync(c.Report, now, ct);
            }

            db.ChangeTracker.Clear();
        }

        return done;
    }

    private async Task NotProtectedAsync(Report report, DateTimeOffset now, CancellationToken ct)
    {
        await AlertFactory.AddNewAsync(db, [new AlertDue(
            AlertCodes.ComplainantNotProtected, $"{AlertCodes.ComplainantNotProtected}:{report.Id}", null, report.Number)],
            null, report.Region, now, ct);
        await AlertFactory.SaveIgnoringRacesAsync(db, ct);
    }

    private async Task<bool> ProtectAsync(BlindIndex index, Report report, Detention detention, DateTimeOffset now, CancellationToken ct)
    {
        using var turn = gate is null ? null : await gate.EnterAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync("SELECT 1 FROM protection_match_cursor WHERE \"Id\" = 1 FOR UPDATE", ct);
        }

        if (await db.Set<ProtectedPerson>().AnyAsync(p => p.ReportId == report.Id, ct)
            || await db.Set<ProtectedPersonChange>().AnyAsync(c => c.ReportId == report.Id, ct))
        {
            return false;
        }

        var already = (await MatchDetentions.ProtectedInAsync(db, index, [detention], ct)).Select(m => m.Person).DistinctBy(p => p.Id).ToList();
        if (already.Count > 0)
        {
            foreach (var person in already)
            {
                await ChangeProtectedPerson.AddAsync(db, person.Id, new ChangeProtectedPersonRequest(
                    null, null, report.Id, null, detention.Id, $"Complaint of ill-treatment in custody (report {report.Number}, detention {detention.Number})."),
                    Registrant, now, ct);
            }

            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return true;
        }

        var outcome = await register.HandleAsync(new RegisterProtectedPersonRequest(
            new IdentityInput(new PersonInput(detention.LastName, detention.FirstName, detention.Patronymic, detention.BirthDate, detention.Iin, null, null, null), null, null, null),
            ProtectedRole.Complainant, Disclosure.Confidential, RiskLevel.High, report.Id, null, detention.Id, null, null), Aigaq, ct);
        if (outcome.Problem is not null)
        {
            // Nothing of the person stays: the transaction is rolled back, and the alert alone is written.
            await tx.RollbackAsync(ct);
            db.ChangeTracker.Clear();
            logger.LogWarning("A custody complainant could not be protected by the scan; report {ReportId} raised {Code}", report.Id, AlertCodes.ComplainantNotProtected);
            await NotProtectedAsync(report, now, ct);
            return false;
        }

        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }
}
