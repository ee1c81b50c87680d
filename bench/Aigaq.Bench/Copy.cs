using Npgsql;
using NpgsqlTypes;

/// <summary>Writing a value that may be null to a PostgreSQL binary COPY.</summary>
internal static class Copy
{
    public static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type)
        where T : class
    {
        if (value is null)
        {
            await w.WriteNullAsync();
        }
        else
        {
            await w.WriteAsync(value, type);
        }
    }

    public static async Task WriteNullableAsync<T>(NpgsqlBinaryImporter w, T? value, NpgsqlDbType type)
        where T : struct
    {
        if (value is { } v)
        {
            await w.WriteAsync(v, type);
        }
        else
        {
            await w.WriteNullAsync();
        }
    }
}
