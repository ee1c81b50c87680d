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
    /// DbUpdateException) says the database cannot serve the request now, so that the client should send it again
    /// (with its idempotency key) after <see cref="RetryAfterSeconds"/>:
    /// <list type="bullet">
    /// <item>no connection or write turn: Npgsql's pool exhausted or a command past its timeout, the server at its
    /// connection limit or short of resources (class 53), SQLite busy past its timeout;</item>
    /// <item>no server: a connection refused, reset or closed mid-command (the primary died), the server shutting
    /// down or starting (57P01, 57P02, 57P03), a connection failure (class 08), or a node still connected to a
    /// primary that has become a read-only standby (25006), or no primary among the hosts of a multi-host connection
    /// string, during a failover.</item>
    /// </list>
    /// A timeout or a connection lost during a commit leaves its outcome unknown to the node; the client's retry with
    /// the same idempotency key either finds the stored answer or writes the request once, so 503 is still right.
    /// </summary>
    public static bool IsUnavailable(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            switch (exception)
            {
                case PostgresException postgres:
                    return UnavailableState(postgres.SqlState);
                case NpgsqlException { InnerException: TimeoutException or System.Net.Sockets.SocketException or IOException }:
                    return true;
                // Npgsql's own word, with nothing under it, is about reaching a server: on a multi-host connection string
                // "No suitable host was found" while the old primary is known dead and the standby is not yet promoted.
                // (What a server refuses is a PostgresException, handled above.)
                case NpgsqlException { InnerException: null }:
                    return true;
                // SQLITE_BUSY only: SQLITE_LOCKED is a conflict within one connection, a bug that no retry mends.
                case SqliteException { SqliteErrorCode: SqliteBusy }:
                    return true;
                case AggregateException { InnerExceptions.Count: > 1 } many:
                    return many.InnerExceptions.Any(IsUnavailable);
            }
        }

        return false;
    }

    private static bool UnavailableState(string state) =>
        state.StartsWith("08", StringComparison.Ordinal)
        || state.StartsWith("53", StringComparison.Ordinal)
        || state is PostgresErrorCodes.AdminShutdown or PostgresErrorCodes.CrashShutdown or PostgresErrorCodes.CannotConnectNow
            or PostgresErrorCodes.ReadOnlySqlTransaction;
}
