using Microsoft.Data.Sqlite;
using Npgsql;

namespace Aigaq.Data;

/// <summary>
/// How many PostgreSQL connections one node may hold, how long a request waits for one, and which failures mean "the
/// database has no room for this request now" (answered 503 with Retry-After, never 500). Several nodes share the
/// server's max_connections: each takes at most <see cref="DatabaseOptions.MaxPoolSize"/>, and a request that finds
/// the pool full fails after <see cref="DatabaseOptions.ConnectionTimeoutSeconds"/> instead of queueing for Npgsql's
/// default 15 seconds while its client has given up.
/// </summary>
public static class ConnectionBudget
{
    /// <summary>What a client is told to wait before sending the request again (with its idempotency key).</summary>
    public const int RetryAfterSeconds = 2;

    /// <summary>SQLite's SQLITE_BUSY: another writer held the file past the busy timeout.</summary>
    private const int SqliteBusy = 5;

    /// <summary>
    /// <paramref name="connectionString"/> with the node's pool size and acquire timeout, unless it sets them itself
    /// (an operator's explicit <c>Maximum Pool Size</c> or <c>Timeout</c> wins).
    /// </summary>
    public static string Apply(string connectionString, DatabaseOptions options)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        // Keys lists only what the string set, under Npgsql's canonical names (maxpoolsize becomes Maximum Pool Size).
        var set = b.Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (!set.Contains("Maximum Pool Size"))
        {
            b.MaxPoolSize = options.MaxPoolSize;
        }

        if (!set.Contains("Timeout"))
        {
            b.Timeout = options.ConnectionTimeoutSeconds;
        }

        return b.ConnectionString;
    }

    /// <summary>
    /// Whether <paramref name="exception"/> (or one it wraps: EF Core wraps the provider's exception in a
    /// DbUpdateException) says the database had no connection or no write turn for the request: Npgsql's pool
    /// exhausted (or the server not answering within the timeout), the server refusing a connection (53300
    /// too_many_connections, 57P03 cannot_connect_now), or SQLite busy past its timeout.
    /// </summary>
    public static bool IsExhausted(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            switch (exception)
            {
                case PostgresException { SqlState: PostgresErrorCodes.TooManyConnections or PostgresErrorCodes.CannotConnectNow }:
                    return true;
                case NpgsqlException { InnerException: TimeoutException } when exception is not PostgresException:
                    return true;
                // SQLITE_BUSY only: SQLITE_LOCKED is a conflict within one connection, a bug that no retry mends.
                case SqliteException { SqliteErrorCode: SqliteBusy }:
                    return true;
                case AggregateException { InnerExceptions.Count: > 1 } many:
                    return many.InnerExceptions.Any(IsExhausted);
            }
        }

        return false;
    }
}
