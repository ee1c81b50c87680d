using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aigaq.Access;
using Aigaq.Alerts;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Examinations;

public sealed record RequesterView(string Kind, string? Reference, Guid RecordedBy);

public sealed record ExaminedPersonView(string LastName, string FirstName, string? Patronymic, DateOnly? BirthDate, string? Iin);

public sealed record ExaminerView(
    Guid Id, string Name, Guid? UserId, string Qualifications, string Employer, bool IndependenceDeclared, string? Conflicts, string? NotIndependentReason,
    DateTimeOffset RecordedAt);

public sealed record SessionView(
    string Place, DateTimeOffset StartedAt, DateTimeOffset? EndedAt, string? Interpreter, string? InterpreterLanguage, IReadOnlyList<PresentPerson> Present,
    bool PolicePresent, bool? PoliceAskedToLeave, string? Restrictions, DateTimeOffset RecordedAt);

/// <summary>The consent in force, and every consent given, oldest first (a withdrawal shows as a later one).</summary>
public sealed record ConsentView(DateTimeOffset At, IReadOnlyDictionary<string, bool> Items, string? RefusalReason, int Given);

public sealed record SectionView(string Section, JsonObject Fields, DateTimeOffset RecordedAt);

public sealed record FindingView(
    Guid Id, string View, string BodyRegion, double X, double Y, string? Size, string Description, string Consistency, string Rationale, DateTimeOffset RecordedAt);

public sealed record OpinionView(
    string Opinion, string Conclusions, string Recommendations, bool PolicePresent, string? Restrictions, bool AbsenceStatement, DateTimeOffset SealedAt, Guid SealedBy);

public sealed record AmendmentView(Guid Id, string Reason, string Text, Guid? FindingId, string? Section, DateTimeOffset RecordedAt);

/// <summary>
/// An examination as CONTRACT.md answers it. <see cref="MedicalWithheld"/>: the findings, sections, opinion and amendments
/// are medical data, shown to the examiner and to the roles the person's consent opens them to (a share item's
/// <c>roles</c> in the form); to anyone else the lists are empty and this is true. <see cref="Photos"/> lists the photographs
/// by hash and flags (ReadExaminationPhoto serves them).
/// </summary>
public sealed record ExaminationView(
    Guid Id, string Number, ExaminationStatus Status, string Region, string Form, DateTimeOffset RequestedAt, RequesterView RequestedBy,
    ExaminedPersonView Person, Guid? ReportId, Guid? CaseId, Guid? DetentionId, DateTimeOffset DueBy, ExaminerView? Examiner, SessionView? Session,
    ConsentView? Consent, bool MedicalWithheld, IReadOnlyList<SectionView> Sections, IReadOnlyList<FindingView> Findings, IReadOnlyList<ExaminationPhotoView> Photos,
    OpinionView? Opinion, IReadOnlyList<AmendmentView> Amendments, IReadOnlyList<AlertView> Alerts);

/// <summary>Reads an examination the user may read (<see cref="Examination.Readable"/>); every read is in the access log (medical data).</summary>
public sealed class GetExamination(AigaqDb db, ExaminationForms forms, RulePackCatalog rules, AccessLog log, TimeProvider clock)
{
    public async Task<Found<ExaminationView>> HandleAsync(Guid id, ClaimsPrincipal user, CancellationToken ct)
    {
        var examiners = db.Set<ExaminationExaminer>();
        var e = await Examination.Readable(db.Set<Examination>().AsNoTracking(), examiners, user).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null)
        {
            return Found<ExaminationView>.Of(null, "The examination");
        }

        var examiner = await examiners.AsNoTracking().FirstOrDefaultAsync(x => x.ExaminationId == id, ct);
        var session = await db.Set<ExaminationSession>().AsNoTracking().FirstOrDefaultAsync(x => x.ExaminationId == id, ct);
        var consents = await db.Set<ExaminationConsent>().AsNoTracking().Where(x => x.ExaminationId == id).ToListAsync(ct);
        var current = consents.OrderBy(c => c.At).ThenBy(c => c.RecordedAt).LastOrDefault();
        var items = current is null ? [] : JsonSerializer.Deserialize<Dictionary<string, bool>>(current.Items) ?? [];
        var seal = await db.Set<ExaminationSeal>().AsNoTracking().FirstOrDefaultAsync(x => x.ExaminationId == id, ct);
        var medical = examiner?.RecorderId == user.UserId() || MayRead(forms.ById(e.FormId), items, user);

        IReadOnlyList<SectionView> sections = [];
        IReadOnlyList<FindingView> findings = [];
        IReadOnlyList<AmendmentView> amendments = [];
        IReadOnlyList<ExaminationPhotoView> photos = [];
        if (medical)
        {
            var isExaminer = examiner?.RecorderId == user.UserId();
            photos = await ReadExaminationPhoto.ListAsync(
                db, id, isExaminer || items.GetValueOrDefault(ReadExaminationPhoto.Photographs),
                isExaminer || ReadExaminationPhoto.MayViewIntimate(forms.ById(e.FormId), items, user), ct);
            sections = [.. (await db.Set<ExaminationSection>().AsNoTracking().Where(x => x.ExaminationId == id).ToListAsync(ct))
                .OrderBy(s => s.RecordedAt).ThenBy(s => s.Id).GroupBy(s => s.Section).Select(g => g.Last())
                .Select(s => new SectionView(s.Section, JsonNode.Parse(s.Fields)!.AsObject(), s.RecordedAt))];
            findings = [.. (await db.Set<ExaminationFinding>().AsNoTracking().Where(x => x.ExaminationId == id).ToListAsync(ct))
                .OrderBy(f => f.RecordedAt).ThenBy(f => f.Id)
                .Select(f => new FindingView(f.Id, f.View, f.BodyRegion, f.X, f.Y, f.Size, f.Description, f.Consistency, f.Rationale, f.RecordedAt))];
            amendments = [.. (await db.Set<ExaminationAmendment>().AsNoTracking().Where(x => x.ExaminationId == id).ToListAsync(ct))
                .OrderBy(a => a.RecordedAt).ThenBy(a => a.Id)
                .Select(a => new AmendmentView(a.Id, a.Reason, a.Text, a.FindingId, a.Section, a.RecordedAt))];
        }

        var keys = ExaminationAlerts.Codes.Select(c => ExaminationAlerts.Key(c, id)).ToList();
        var alertRules = rules.At(clock.GetUtcNow()).Alerts;
        var alerts = await db.Set<Alert>().AsNoTracking().Where(a => keys.Contains(a.Key)).OrderBy(a => a.RaisedAt).ToListAsync(ct);
        log.Add(user, "examination.read", id.ToString(), medical ? "allowed" : "allowed:withheld");
        await db.SaveChangesAsync(ct);
        return Found<ExaminationView>.Of(new ExaminationView(
            e.Id, e.Number, seal is not null ? ExaminationStatus.Sealed : session is not null ? ExaminationStatus.InProgress : ExaminationStatus.Requested,
            e.Region, e.FormId, e.RequestedAt, new RequesterView(e.RequestedByKind, e.RequestedByReference, e.RecordedBy),
            new ExaminedPersonView(e.LastName, e.FirstName, e.Patronymic, e.BirthDate, e.Iin), e.ReportId, e.CaseId, e.DetentionId, e.DueBy,
            examiner is null ? null : new ExaminerView(
                examiner.Id, examiner.Name, examiner.ExaminerUserId, examiner.Qualifications, examiner.Employer, examiner.IndependenceDeclared,
                examiner.Conflicts, examiner.NotIndependentReason, examiner.RecordedAt),
            session is null ? null : new SessionView(
                session.Place, session.StartedAt, session.EndedAt, session.Interpreter, session.InterpreterLanguage,
                JsonSerializer.Deserialize<List<PresentPerson>>(session.Present, Json.Options) ?? [], session.PolicePresent, session.PoliceAskedToLeave,
                session.Restrictions, session.RecordedAt),
            current is null ? null : new ConsentView(current.At, items, current.RefusalReason, consents.Count),
            !medical, sections, findings, photos,
            seal is null || !medical ? null : new OpinionView(
                seal.Opinion, seal.Conclusions, seal.Recommendations, seal.PolicePresent, seal.Restrictions, seal.AbsenceStatement, seal.SealedAt, seal.SealedBy),
            amendments, [.. alerts.Select(a => AlertView.From(a).Weighed(alertRules))]), "The examination");
    }

    /// <summary>Whether the consent in force opens the medical record to one of the user's roles (a share item's roles in the form).</summary>
    internal static bool MayRead(ExaminationForm? form, IReadOnlyDictionary<string, bool> consent, ClaimsPrincipal user) =>
        form is not null && form.Consent.Any(c => c.Roles is { Length: > 0 } roles && consent.GetValueOrDefault(c.Id) && roles.Any(user.IsInRole));
}
