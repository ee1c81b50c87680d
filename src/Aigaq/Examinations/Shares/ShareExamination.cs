using System.Security.Claims;
using System.Security.Cryptography;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;

namespace Aigaq.Examinations;

/// <summary><c>POST /api/v1/examinations/{id}/shares</c>: with whom, in which role, and until when.</summary>
public sealed record ShareExaminationRequest(string? RecipientName, string? RecipientRole, DateTimeOffset? ExpiresAt);

/// <summary>The share; <see cref="Url"/> holds the token and is in the first answer only (a retry's stored answer has none).</summary>
public sealed record ExaminationShared(Guid Id, string? Url, DateTimeOffset ExpiresAt);

/// <summary>
/// Shares a sealed examination read-only (issue 16, item 9) with an investigator, a judge or a defender, who need no
/// account: the answer's address carries a 256-bit random token, shown once and stored only as its SHA-256. Only the
/// examiner shares (the one who answers for the record and for the person's consent), only a sealed record, only while
/// the person consents to share with that kind of recipient, and for at most the rule pack's
/// <c>examinations.shareMaxDays</c> (a later expiry is 422 naming <c>expiresAt</c>).
/// </summary>
public sealed class ShareExamination(AigaqDb db, RulePackCatalog rules, ExaminationForms forms, AccessLog log, TimeProvider clock)
{
    public const string PathPrefix = "/examinations/shared/";

    public async Task<Outcome<ExaminationShared>> HandleAsync(Guid id, ShareExaminationRequest request, ClaimsPrincipal user, CancellationToken ct)
    {
        var (open, problem) = await ExaminationWrites.OpenAsync(db, forms, id, user, "shares", ct, amend: true);
        if (open is null)
        {
            return problem;
        }

        var now = clock.GetUtcNow();
        var v = new Validation();
        var name = v.Required("recipientName", request.RecipientName, 200);
        string? item = null;
        if (request.RecipientRole is null)
        {
            v.Add("recipientRole", "is required");
        }
        else if (!ShareRecipients.ConsentItems.TryGetValue(request.RecipientRole, out item) || open.Form.ConsentItemOf(item) is null)
        {
            v.Add("recipientRole", "must be investigator, judge or defender");
        }

        var expiresAt = v.Required("expiresAt", request.ExpiresAt);
        if (request.ExpiresAt is not null && expiresAt <= now)
        {
            v.Add("expiresAt", "must be in the future");
        }

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var maxDays = rules.At(now).Examinations.ShareMaxDays;
        if (expiresAt > now.AddDays(maxDays))
        {
            var title = $"A share lasts at most {maxDays} days (rule pack examinations.shareMaxDays).";
            return new ProblemResult(Results.Problem(
                type: ProblemTypes.Validation, title: title, statusCode: StatusCodes.Status422UnprocessableEntity,
                extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { ["expiresAt"] = [title] } }));
        }

        if (!(await ExaminationWrites.ConsentAsync(db, id, ct)).GetValueOrDefault(item!))
        {
            return new ProblemResult(ProblemTypes.ConflictProblem(
                $"The person has not consented to share examination {open.Exam.Number} with a {request.RecipientRole}.", "consent." + item));
        }

        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var share = new ExaminationShare
        {
            Id = Guid.CreateVersion7(now),
            ExaminationId = id,
            RecipientName = name,
            RecipientRole = request.RecipientRole!,
            ConsentItem = item!,
            TokenHash = HashOf(token),
            ExpiresAt = expiresAt,
            CreatedAt = now,
            CreatedBy = user.RequiredUserId(),
        };
        db.Add(share);
        LedgerWriter.Append(db, ExaminationShareLedger.Shared, share.Id, now, ExaminationShareLedger.Content(share));
        log.Add(user, "examination.share", id.ToString(), "allowed");
        return Outcome<ExaminationShared>.Created(() => new ExaminationShared(share.Id, PathPrefix + token, expiresAt), $"/api/v1/examinations/{id}/shares");
    }

    /// <summary>The stored form of a token: SHA-256 of its text, in hex.</summary>
    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(token)));

    /// <summary>Whether a text can be a token at all (43 characters of base64url): anything else is not looked up.</summary>
    public static bool IsWellFormed(string? token) =>
        token is { Length: 43 } && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
