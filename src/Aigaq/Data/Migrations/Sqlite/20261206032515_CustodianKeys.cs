using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CustodianKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "custodian_keys",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    PublicKey = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Sealed = table.Column<string>(type: "TEXT", maxLength: 2048, nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Replaces = table.Column<Guid>(type: "TEXT", nullable: true),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_custodian_keys", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_custodian_keys_Replaces",
                table: "custodian_keys",
                column: "Replaces",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_custodian_keys_UserId_CreatedAt",
                table: "custodian_keys",
                columns: new[] { "UserId", "CreatedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_custodian_keys_UserId_first",
                table: "custodian_keys",
                column: "UserId",
                unique: true,
                filter: "\"Replaces\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "custodian_keys");
        }
    }
}
