using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Aigaq.Data;

/// <summary>Lets <c>dotnet ef migrations add</c> build each provider's context without starting the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAigaqDb>
{
    public SqliteAigaqDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAigaqDb>().UseSqlite("Data Source=design.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresAigaqDb>
{
    public PostgresDesignTimeFactory()
    {
    }

    public PostgresAigaqDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresAigaqDb>().UseNpgsql("Host=localhost;Database=design").Options);
}
