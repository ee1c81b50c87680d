using System.Security.Claims;
using Aigaq.Data;
using Aigaq.TransparencyLog;
using Aigaq.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Aigaq.Access;

internal static class AccessModule
{
    /// <summary>Chooses the bearer handler for requests that carry a token, the cookie otherwise.</summary>
    private const string Smart = "smart";

    /// <summary>The scheme a policy made outside this file authenticates with, as the permissions' policies do.</summary>
    internal const string PolicyScheme = Smart;

    public static IServiceCollection AddAccess(this IServiceCollection services)
    {
        services.AddMemoryCache();
        services.AddOptions<SignInThrottleOptions>().BindConfiguration("Aigaq:SignIn");
        services.AddSingleton<SignInThrottle>();
        services.AddHttpContextAccessor();
        services
            .AddIdentity<AppUser, AppRole>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 10;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                // No lockout by failures: it would let anyone who knows an e-mail keep its owner (and the owner's API tokens)
                // out. Failures slow further attempts instead (SignInThrottle); a wrong second-factor code still counts in
                // Identity, so the count that would lock is out of reach. An administrator's lockout is still honoured.
                o.Lockout.MaxFailedAccessAttempts = int.MaxValue;
                o.Lockout.AllowedForNewUsers = true;

                // "Confirmed" is ActiveAccount's: a deactivated account cannot sign in, by password or by code.
                o.SignIn.RequireConfirmedAccount = true;
            })
            .AddEntityFrameworkStores<AigaqDb>()
            .AddUserStore<HashedRecoveryCodeStore>()
            .AddDefaultTokenProviders()
            .AddTokenProvider<OnceAuthenticatorTokenProvider>(TokenOptions.DefaultAuthenticatorProvider)
            .AddErrorDescriber<LocalizedIdentityErrors>()
            .AddClaimsPrincipalFactory<ClaimsFactory>();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/signin";
            o.LogoutPath = "/signout";
            o.AccessDeniedPath = "/denied";
            o.Cookie.Name = "aigaq";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.SlidingExpiration = true;
            o.ExpireTimeSpan = TimeSpan.FromHours(8);
            o.Events.OnRedirectToLogin = ctx => ApiAware(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAware(ctx, StatusCodes.Status403Forbidden);
        });

        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Smart;
                o.DefaultChallengeScheme = Smart;
            })
            .AddPolicyScheme(Smart, Smart, o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? BearerTokenHandler.SchemeName
                    : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);

        services.AddAuthorization(o =>
        {
            foreach (var permission in Permissions.All)
            {
                o.AddPolicy(permission, p => p
                    .AddAuthenticationSchemes(Smart)
                    .RequireAuthenticatedUser()
                    .RequireClaim(AigaqClaims.Permission, permission));
            }
        });
        services.Replace(ServiceDescriptor.Scoped<IUserConfirmation<AppUser>, ActiveAccount>());
        services.Configure<SecurityStampValidatorOptions>(o =>
        {
            o.OnRefreshingPrincipal = SecondFactorGate.KeepSecondFactorMark;

            // A changed role or scope, or a deactivation, renews the account's stamp: signed-in sessions take it within
            // this interval (Identity's default is 30 minutes).
            o.ValidationInterval = TimeSpan.FromMinutes(1);
        });
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, DeniedAccessRecorder>();
        services.AddScoped<AccessLog>();
        services.AddScoped<ApiTokens>();
        services.AddScoped<ChangeAccount>();
        services.AddScoped<RoleGrants>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, AccountAudit>();
        services.AddSingleton<TransparencyLog.Audit.IAuditSource, UnusedIdentityTablesAudit>();
        services.AddLoggedState(AccessLedger.UserState);
        services.AddLoggedState(AccessLedger.SecondFactorState);
        services.AddLoggedState(AccessLedger.TokenState);
        services.AddLoggedState(AccessLedger.AccessLogState);
        services.AddLoggedState(RoleGrantLedger.State);
        return services;
    }

    public static IEndpointRouteBuilder MapAccess(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/v1/users").WithTags("Users");
        users.MapPost("/{id:guid}/changes", (Guid id, HttpContext http, AccountChangeRequest body, ChangeAccount handler, CommandRunner runner) =>
                runner.CreateAsync(http, "users.change", HashOf(id, body), ct => handler.HandleAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageUsers)
            .WithName("ChangeAccount");
        users.MapGet("/{id:guid}/changes", async (Guid id, ClaimsPrincipal user, ChangeAccount handler, CancellationToken ct) =>
                Found<Page<AccountChangeView>>.Of(
                    await handler.ListAsync(id, null, user, ct) is { } changes ? new Page<AccountChangeView>(changes, null) : null, "The account"))
            .RequireAuthorization(Permissions.ManageUsers)
            .WithName("ListAccountChanges");
        users.MapGet("/{id:guid}/changes/{number:int}", async (Guid id, int number, ClaimsPrincipal user, ChangeAccount handler, CancellationToken ct) =>
                Found<AccountChangeView>.Of(await handler.ListAsync(id, number, user, ct) is [var change] ? change : null, "The account change"))
            .RequireAuthorization(Permissions.ManageUsers)
            .WithName("GetAccountChange");

        // Two administrators for power: a role of power is asked for here and given only when another one approves.
        users.MapPost("/{id:guid}/role-grants", (Guid id, HttpContext http, AccountChangeRequest body, RoleGrants handler, CommandRunner runner) =>
                runner.CreateAsync(http, "users.grant.request", HashOf(id, body), ct => handler.RequestAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageUsers)
            .WithName("RequestRoleGrant");
        var grants = app.MapGroup("/api/v1/role-grants").WithTags("Users");
        grants.MapGet("/", (string? status, ClaimsPrincipal user, RoleGrants handler, CancellationToken ct) => handler.ListAsync(status, user, ct))
            .RequireAuthorization(Permissions.ManageUsers)
            .WithName("ListRoleGrants");
        grants.MapGet("/{id:guid}", async (Guid id, ClaimsPrincipal user, RoleGrants handler, CancellationToken ct) =>
                Found<RoleGrantView>.Of(await handler.GetAsync(id, user, ct), "The role grant"))
            .RequireAuthorization(Permissions.ManageUsers)
            .WithName("GetRoleGrant");
        grants.MapPost("/{id:guid}/decision", (Guid id, HttpContext http, RoleGrantDecisionRequest body, RoleGrants handler, CommandRunner runner) =>
                runner.CreateAsync(http, "users.grant.decide", new { id, body.Decision, body.Reason }, ct => handler.HandleDecisionAsync(id, body, http.User, ct)))
            .RequireAuthorization(Permissions.ManageUsers)
            .WithName("DecideRoleGrant");
        return app;
    }

    /// <summary>
    /// What a retry with the same Idempotency-Key must repeat: the body as sent, where an absent region or facility
    /// (kept) differs from a null one (taken away).
    /// </summary>
    private static object HashOf(Guid id, AccountChangeRequest body) => new
    {
        id,
        body.Role,
        Region = Raw(body.Region),
        FacilityId = Raw(body.FacilityId),
        body.Deactivated,
        body.Reason,
    };

    private static string? Raw(System.Text.Json.JsonElement value) =>
        value.ValueKind == System.Text.Json.JsonValueKind.Undefined ? null : value.GetRawText();

    private static Task ApiAware(RedirectContext<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }

        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    /// <summary>The account may sign in unless an administrator deactivated it.</summary>
    private sealed class ActiveAccount : IUserConfirmation<AppUser>
    {
        public Task<bool> IsConfirmedAsync(UserManager<AppUser> manager, AppUser user) => Task.FromResult(!user.Deactivated);
    }

    /// <summary>Writes every refused request to the access log, then answers as usual.</summary>
    private sealed class DeniedAccessRecorder : IAuthorizationMiddlewareResultHandler
    {
        private readonly AuthorizationMiddlewareResultHandler _default = new();

        public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult result)
        {
            if (result.Challenged || result.Forbidden)
            {
                var log = context.RequestServices.GetRequiredService<AccessLog>();
                await log.WriteAsync(
                    context.User.UserId(),
                    $"{context.Request.Method} {context.GetEndpoint()?.DisplayName ?? context.Request.Path}",
                    context.Request.Path,
                    result.Forbidden ? "forbidden" : "unauthenticated",
                    context.RequestAborted);
            }

            await _default.HandleAsync(next, context, policy, result);
        }
    }
}
