using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
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
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Witness = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Line = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    SignedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    ReceivedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_cosignatures", x => new { x.Size, x.Witness });
                });

            migrationBuilder.CreateTable(
                name: "ledger_witness_attempts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Witness = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    OldSize = table.Column<long>(type: "INTEGER", nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: true),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_witness_attempts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_witnesses",
                columns: table => new
                {
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true),
                    RetryAt = table.Column<long>(type: "INTEGER", nullable: true)
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
