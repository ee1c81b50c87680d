using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Aigaq.Data;

/// <summary>Stores an instant as UTC ticks so that SQLite can index, compare and order it.</summary>
public sealed class UtcTicksConverter() : ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks,
    v => new DateTimeOffset(v, TimeSpan.Zero));

/// <summary>The same instant at offset zero, the only offset PostgreSQL's timestamptz accepts from Npgsql.</summary>
public sealed class UtcConverter() : ValueConverter<DateTimeOffset, DateTimeOffset>(
    v => v.ToUniversalTime(),
    v => v);
