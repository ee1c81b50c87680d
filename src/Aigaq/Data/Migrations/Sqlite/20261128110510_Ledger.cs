using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Ledger : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ledger_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Index = table.Column<long>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    RecordId = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    Commitment = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false),
                    Salt = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false),
                    Entry = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: false),
                    LeafHash = table.Column<string>(type: "TEXT", maxLength: 44, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_entries", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "ledger_state",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    NextIndex = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ledger_state", x => x.Id);
                });

            migrationBuilder.InsertData(
                table: "ledger_state",
                columns: new[] { "Id", "NextIndex" },
                values: new object[] { 1, 0L });

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_Index",
                table: "ledger_entries",
                column: "Index",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_ledger_entries_Kind_RecordId",
                table: "ledger_entries",
                columns: new[] { "Kind", "RecordId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ledger_entries");

            migrationBuilder.DropTable(
                name: "ledger_state");
        }
    }
}
