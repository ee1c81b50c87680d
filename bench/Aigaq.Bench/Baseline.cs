using System.Globalization;
using Npgsql;
using NpgsqlTypes;

/// <summary>
/// The database's own floor: the same rows a registration writes (detention, contact, two
/// notifications, idempotency record) inserted with plain Npgsql into copies of the real tables.
/// </summary>
internal static class Baseline
{
    private static readonly (string Table, int Rows)[] Shape =
        [("detentions", 1), ("detention_contacts", 1), ("notifications", 2), ("idempotency", 1)];

    public static async Task<Result> RunAsync(Options o)
    {
        await using var source = NpgsqlDataSource.Create(o.Get("conn"));
        var inserts = new List<(string Sql, List<(string Name, string Type, int? Length)> Columns, int Rows)>();
        foreach (var (table, rows) in Shape)
        {
            await using (var create = source.CreateCommand($"DROP TABLE IF EXISTS bench_{table}; CREATE TABLE bench_{table} (LIKE {table} INCLUDING ALL)"))
            {
                await create.ExecuteNonQueryAsync();
            }

            var columns = new List<(string, string, int?)>();
            await using (var cmd = source.CreateCommand(
                "SELECT column_name, data_type, character_maximum_length FROM information_schema.columns WHERE table_name = $1 AND is_identity = 'NO' ORDER BY ordinal_position"))
            {
                cmd.Parameters.AddWithValue($"bench_{table}");
                await using var reader = await cmd.ExecuteReaderAsync();
                while (await reader.ReadAsync())
                {
                    columns.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2)));
                }
            }

            var names = string.Join(", ", columns.Select(c => $"\"{c.Item1}\""));
            var values = string.Join(", ", columns.Select((_, i) => $"${i + 1}"));
            inserts.Add(($"INSERT INTO bench_{table} ({names}) VALUES ({values})", columns, rows));
        }

        long counter = 0;
        async Task<bool> Insert(int i)
        {
            await using var connection = await source.OpenConnectionAsync();
            await using var tx = await connection.BeginTransactionAsync();
            await using var batch = new NpgsqlBatch(connection, tx);
            foreach (var (sql, columns, rows) in inserts)
            {
                for (var r = 0; r < rows; r++)
                {
                    var command = new NpgsqlBatchCommand(sql);
                    foreach (var (_, type, length) in columns)
                    {
                        command.Parameters.Add(Value(type, length, Interlocked.Increment(ref counter)));
                    }

                    batch.BatchCommands.Add(command);
                }
            }

            await batch.ExecuteNonQueryAsync();
            await tx.CommitAsync();
            return true;
        }

        var rate = o.Int("rate", 100);
        var seconds = o.Int("seconds", 10);
        await Load.RunAsync(Math.Max(1, rate / 2), o.Int("warmup", 20), o.Int("concurrency", 64), Insert);
        return Load.Summarize("npgsql", rate * seconds, await Load.RunAsync(rate, seconds, o.Int("concurrency", 64), Insert));
    }

    private static NpgsqlParameter Value(string type, int? length, long n) => type switch
    {
        "uuid" => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Uuid, Value = Guid.CreateVersion7() },
        "bigint" => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = n },
        "integer" => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Integer, Value = (int)(n % int.MaxValue) },
        "boolean" => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Boolean, Value = false },
        "double precision" => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Double, Value = 43.2 },
        "date" => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Date, Value = new DateOnly(1990, 1, 1) },
        "timestamp with time zone" => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.TimestampTz, Value = DateTime.UtcNow },
        "jsonb" => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Jsonb, Value = "[{\"Badge\":\"1207\",\"Name\":\"Ержан Абенов\"}]" },
        _ => new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = Text(length, n) },
    };

    private static string Text(int? length, long n)
    {
        var text = "Смагулова Дана Ерлановна " + n.ToString(CultureInfo.InvariantCulture);
        return length is { } max && text.Length > max ? text[^max..] : text;
    }
}
