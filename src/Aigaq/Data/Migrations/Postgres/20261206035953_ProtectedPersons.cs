using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProtectedPersons : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateSequence(
                name: "protected_number");

            migrationBuilder.CreateTable(
                name: "protected_persons",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    Pseudonym = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Role = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Disclosure = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Risk = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Region = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    ReportId = table.Column<Guid>(type: "uuid", nullable: true),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: true),
                    DetentionId = table.Column<Guid>(type: "uuid", nullable: true),
                    Identity = table.Column<string>(type: "character varying(64000)", maxLength: 64000, nullable: false),
                    IinIndex = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    NameIndex = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_protected_persons", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_protected_persons_IinIndex",
                table: "protected_persons",
                column: "IinIndex");

            migrationBuilder.CreateIndex(
                name: "IX_protected_persons_NameIndex",
                table: "protected_persons",
                column: "NameIndex");

            migrationBuilder.CreateIndex(
                name: "IX_protected_persons_Pseudonym",
                table: "protected_persons",
                column: "Pseudonym",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_protected_persons_Region_Seq",
                table: "protected_persons",
                columns: new[] { "Region", "Seq" });

            migrationBuilder.CreateIndex(
                name: "IX_protected_persons_Seq",
                table: "protected_persons",
                column: "Seq",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "protected_persons");

            migrationBuilder.DropSequence(
                name: "protected_number");
        }
    }
}
