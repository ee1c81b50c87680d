using Aigaq.Alerts;
using Aigaq.Data;

namespace Aigaq.Examinations;

/// <summary>
/// Raises an examination's alert in its region, on its report and case; the key ends with the examination's id. Not on the
/// detention: the custody officers who read a detention's alerts are of the agency the examination may accuse.
/// </summary>
internal static class ExaminationAlerts
{
    /// <summary>The codes raised on an examination (NoExaminationInTortureCase is raised on a case, not on one).</summary>
    public static readonly string[] Codes = [AlertCodes.ExaminationOverdue, AlertCodes.PolicePresentAtExamination, AlertCodes.ExaminerNotIndependent];

    public static string Key(string code, Guid examinationId) => $"{code}:{examinationId}";

    /// <summary>Adds the alert to the caller's transaction unless it was raised already. The detail names the examination's number, never the person.</summary>
    public static Task<List<Alert>> RaiseAsync(
        AigaqDb db, Examination exam, string code, DateTimeOffset? dueAt, string detail, DateTimeOffset now, CancellationToken ct) =>
        AlertFactory.AddNewAsync(
            db, [new AlertDue(code, Key(code, exam.Id), dueAt, detail)], null, exam.Region, now, ct,
            new AlertSubject(exam.ReportId, exam.CaseId));
}
