using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Aigaq.Data;

/// <summary>
/// The first answer to a request made with an <c>Idempotency-Key</c>, kept so that a retry gets
/// the same answer and creates nothing. Written in the same transaction as the record it made.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid UserId { get; init; }
    public required string Key { get; init; }
    public required string Operation { get; init; }

    /// <summary>SHA-256 of the request body, so that a reused key with another body is refused.</summary>
    public required string RequestHash { get; init; }
    public int StatusCode { get; init; }
    public required string Location { get; init; }
    public required string ResponseJson { get; init; }
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>This record with the answer that was given.</summary>
    public IdempotencyRecord WithResponse(string location, string json) => new()
    {
        UserId = UserId,
        Key = Key,
        Operation = Operation,
        RequestHash = RequestHash,
        StatusCode = StatusCode,
        Location = location,
        ResponseJson = json,
        CreatedAt = CreatedAt,
    };
}

internal sealed class IdempotencyConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> b)
    {
        b.ToTable("idempotency");
        b.HasKey(r => new { r.UserId, r.Key });
        b.Property(r => r.Key).HasMaxLength(200);
        b.Property(r => r.Operation).HasMaxLength(80);
        b.Property(r => r.RequestHash).HasMaxLength(64);
        b.Property(r => r.Location).HasMaxLength(300);
        b.Property(r => r.ResponseJson).HasColumnType("text");
    }
}
