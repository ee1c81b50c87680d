using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Access;

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.Region).HasMaxLength(8);
        b.Property(u => u.Language).HasMaxLength(8);
        b.Property(u => u.DisplayName).HasMaxLength(200);
    }
}

internal sealed class AccountChangeConfiguration : IEntityTypeConfiguration<AccountChange>
{
    public void Configure(EntityTypeBuilder<AccountChange> b)
    {
        b.ToTable("account_changes");
        b.HasKey(c => c.Id);
        // Two changes of one account made at once cannot both take the next number: the second fails.
        b.HasIndex(c => new { c.UserId, c.Number }).IsUnique();
        b.Property(c => c.Reason).HasMaxLength(UserAccounts.MaxReason);
        b.Property(c => c.FromRole).HasMaxLength(40);
        b.Property(c => c.ToRole).HasMaxLength(40);
        b.Property(c => c.FromRegion).HasMaxLength(8);
        b.Property(c => c.ToRegion).HasMaxLength(8);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.UserId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.By).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.ToTable("api_tokens");
        b.HasKey(t => t.Id);
        b.HasIndex(t => t.Hash).IsUnique();
        b.Property(t => t.Hash).HasMaxLength(64);
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId);
    }
}

internal sealed class AccessLogConfiguration : IEntityTypeConfiguration<AccessLogEntry>
{
    public void Configure(EntityTypeBuilder<AccessLogEntry> b)
    {
        b.ToTable("access_log");
        b.HasKey(e => e.Id);
        b.HasIndex(e => e.At);
        b.HasIndex(e => e.UserId);
        b.Property(e => e.Action).HasMaxLength(80);
        b.Property(e => e.Resource).HasMaxLength(200);
        b.Property(e => e.Outcome).HasMaxLength(40);
        b.Property(e => e.Address).HasMaxLength(64);
    }
}
