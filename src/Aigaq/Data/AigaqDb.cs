using Aigaq.Access;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

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
    }
}
