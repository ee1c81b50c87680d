using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class LogIntegration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_checkpoints",
                columns: table => new
                {
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    Root = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_checkpoints", x => x.Size);
                });

            migrationBuilder.CreateTable(
                name: "ledger_leader",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Node = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    LeaseUntil = table.Column<long>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_leader", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_tiles",
                columns: table => new
                {
                    Level = table.Column<int>(type: "INTEGER", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    Width = table.Column<int>(type: "INTEGER", nullable: false),
                    Data = table.Column<byte[]>(type: "BLOB", maxLength: 8192, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_tiles", x => new { x.Level, x.Index });
                });

            migrationBuilder.InsertData(
                table: "ledger_leader",
                columns: new[] { "Id", "LeaseUntil", "Node" },
                values: new object[] { 1, null, null });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_checkpoints");

            migrationBuilder.DropTable(
                name: "ledger_leader");

            migrationBuilder.DropTable(
                name: "ledger_tiles");
        }
    }
}
