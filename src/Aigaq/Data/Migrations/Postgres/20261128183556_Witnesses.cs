using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Witnesses : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_cosignatures",
                columns: table => new
                {
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Witness = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Line = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    SignedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ReceivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_cosignatures", x => new { x.Size, x.Witness });
                });

            migrationBuilder.CreateTable(
                name: "ledger_witness_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Witness = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    OldSize = table.Column<long>(type: "bigint", nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_witness_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_witnesses",
                columns: table => new
                {
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Node = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    RetryAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_witnesses", x => x.Name);
                });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_witness_attempts_Witness_At",
                table: "ledger_witness_attempts",
                columns: new[] { "Witness", "At" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_cosignatures");

            migrationBuilder.DropTable(
                name: "ledger_witness_attempts");

            migrationBuilder.DropTable(
                name: "ledger_witnesses");
        }
    }
}
