using System.Globalization;
using System.Security.Claims;
using Aigaq.Access;
using Aigaq.Data;
using Aigaq.Rules;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Alerts;

public sealed record AcknowledgeAlertRequest(string? Comment);

internal static class AlertEndpoints
{
    public const int PageSize = 100;

    public static IServiceCollection AddAlerts(this IServiceCollection services) =>
        services.AddScoped<AcknowledgeAlert>().AddLoggedState(AlertLedger.State);

    public static IEndpointRouteBuilder MapAlerts(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/v1/alerts").WithTags("Alerts");

        api.MapGet("/", ListAsync)
            .RequireAuthorization(Permissions.ViewAlerts)
            .WithName("ListAlerts");

        api.MapPost("/{id:guid}/acknowledge", AcknowledgeAsync)
            .RequireAuthorization(Permissions.AcknowledgeAlerts)
            .Produces<AlertView>()
            .ProducesValidationProblem()
            .WithName("AcknowledgeAlert");
        return app;
    }

    private static async Task<Answer<Page<AlertView>>> ListAsync(
        string? status, string? region, string? code, string? severity, Guid? detentionId, string? cursor, ClaimsPrincipal user, AigaqDb db,
        RulePackCatalog rules, TimeProvider clock, CancellationToken ct)
    {
        var v = new Validation();
        var wanted = v.OptionalEnum<AlertStatus>("status", status);
        var weight = v.OptionalEnum<AlertSeverity>("severity", severity);
        code = v.Optional("code", code, 64);

        var before = v.InstantCursor("cursor", cursor);

        v.Region("region", region);

        if (!v.IsValid)
        {
            return new ProblemResult(v.Problem());
        }

        var query = AcknowledgeAlert.Visible(db, user).AsNoTracking();
        if (region is not null)
        {
            query = query.Where(a => a.Region == region);
        }

        if (wanted is not null)
        {
            query = query.Where(a => a.Status == wanted);
        }

        if (code is not null)
        {
            query = query.Where(a => a.Code == code);
        }

        // Weighed by the pack in force now, as the dashboard weighs them; a code the pack does not name is Normal.
        var weights = rules.At(clock.GetUtcNow()).Alerts;
        if (weight is { } w)
        {
            if (w == AlertSeverity.Normal)
            {
                var heavier = weights.Codes(AlertSeverity.Critical).Concat(weights.Codes(AlertSeverity.High)).ToList();
                query = query.Where(a => !heavier.Contains(a.Code));
            }
            else
            {
                var codes = weights.Codes(w).ToList();
                query = query.Where(a => codes.Contains(a.Code));
            }
        }

        if (detentionId is not null)
        {
            query = query.Where(a => a.DetentionId == detentionId);
        }

        if (before is not null)
        {
            query = query.Where(a => a.RaisedAt < before);
        }

        // RaisedAt orders the page; alerts raised in the same instant share a page boundary rarely
        // enough that the cursor keeps them together by taking the whole instant.
        var rows = await query.OrderByDescending(a => a.RaisedAt).ThenBy(a => a.Id).Take(PageSize + 1).ToListAsync(ct);
        string? next = null;
        if (rows.Count > PageSize)
        {
            var boundary = rows[PageSize - 1].RaisedAt;
            var sameInstant = await query.Where(a => a.RaisedAt == boundary).ToListAsync(ct);
            rows = [.. rows.Where(a => a.RaisedAt > boundary).Concat(sameInstant)];
            next = boundary.UtcTicks.ToString(CultureInfo.InvariantCulture);
        }

        return Answer<Page<AlertView>>.Ok(new Page<AlertView>([.. rows.Select(a => AlertView.From(a).Weighed(weights))], next));
    }

    private static async Task<IResult> AcknowledgeAsync(
        Guid id, AcknowledgeAlertRequest? body, ClaimsPrincipal user, AcknowledgeAlert handler, CancellationToken ct) =>
        (await handler.HandleAsync(id, body?.Comment, user, ct)).ToResult();
}
