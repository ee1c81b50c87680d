using System.Security.Cryptography;
using Aigaq.Data;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Access;

/// <summary>Issues and revokes bearer tokens. The token is shown once; only its hash is kept.</summary>
public sealed class ApiTokens(AigaqDb db, TimeProvider clock)
{
    private const string Prefix = "aq_";

    public async Task<string> IssueAsync(Guid userId, TimeSpan lifetime, CancellationToken ct)
    {
        if (await db.Users.AnyAsync(u => u.Id == userId && u.Deactivated, ct))
        {
            throw new InvalidOperationException("The account is deactivated: it gets no token.");
        }

        var secret = Prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))
            .Replace('+', '-').Replace('/', '_').TrimEnd('=');
        var now = clock.GetUtcNow();
        db.Add(new ApiToken
        {
            Id = Guid.CreateVersion7(now),
            UserId = userId,
            Hash = Hash(secret),
            CreatedAt = now,
            ExpiresAt = now + lifetime,
        });
        await db.SaveChangesAsync(ct);
        return secret;
    }

    public async Task<int> RevokeAllAsync(Guid userId, CancellationToken ct)
    {
        // Tracked, not a bulk update: each revocation is a logged change of the token's state.
        var now = clock.GetUtcNow();
        var tokens = await db.Set<ApiToken>().Where(t => t.UserId == userId && t.RevokedAt == null).ToListAsync(ct);
        foreach (var token in tokens)
        {
            token.RevokedAt = now;
        }

        await db.SaveChangesAsync(ct);
        return tokens.Count;
    }

    public static string Hash(string token) =>
        Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));
}
