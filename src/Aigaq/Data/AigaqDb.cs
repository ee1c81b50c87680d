using Aigaq.Access;
using Aigaq.TransparencyLog;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Aigaq.Data;

/// <summary>
/// The one database context. Each area keeps its entity configurations beside its entities;
/// they are picked up from the assembly. Provider-specific subclasses exist only so that each
/// provider has its own migrations (see docs/decisions/0002).
/// </summary>
public abstract class AigaqDb(DbContextOptions options)
    : IdentityDbContext<AppUser, AppRole, Guid>(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AigaqDb).Assembly);
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        catch (DbUpdateConcurrencyException)
        {
            await AbandonAsync();
            throw;
        }
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        catch (DbUpdateConcurrencyException)
        {
            AbandonAsync().GetAwaiter().GetResult();
            throw;
        }
    }

    /// <summary>A failed save's own transaction, if the log's sequencer began one (see <see cref="LedgerSequencer.AbandonAsync"/>).</summary>
    private Task AbandonAsync() =>
        this.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<LedgerSequencer>().FirstOrDefault()?.AbandonAsync(this)
        ?? Task.CompletedTask;

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<string>().HaveMaxLength(4000);
        configurationBuilder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(40);
    }
}

public sealed class SqliteAigaqDb(DbContextOptions<SqliteAigaqDb> options) : AigaqDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // SQLite cannot order or compare DateTimeOffset values natively; UTC ticks can.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class PostgresAigaqDb(DbContextOptions<PostgresAigaqDb> options) : AigaqDb(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        // timestamptz holds an instant; Npgsql refuses a DateTimeOffset with a non-zero offset
        // (an API client in Kazakhstan sends +05:00), so instants are stored as UTC.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasSequence<long>(NumberAllocator.Detentions + "_number");
        builder.HasSequence<long>(NumberAllocator.Reports + "_number");
        builder.HasSequence<long>(NumberAllocator.Complaints + "_number");
        builder.HasSequence<long>(NumberAllocator.ProtectedPersons + "_number");
        builder.HasSequence<long>(NumberAllocator.Reprisals + "_number");
        builder.HasSequence<long>(NumberAllocator.Examinations + "_number");
        builder.HasSequence<long>(NumberAllocator.Visits + "_number");
        builder.HasSequence<long>(NumberAllocator.VisitRecommendations + "_number");
    }
}
