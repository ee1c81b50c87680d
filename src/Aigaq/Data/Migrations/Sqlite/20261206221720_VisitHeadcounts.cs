using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitHeadcounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "visit_headcounts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FacilityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_headcounts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_visit_headcounts_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visit_headcount_entries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    HeadcountId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Position = table.Column<int>(type: "INTEGER", nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    LastName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    FirstName = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    Patronymic = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    BirthDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Iin = table.Column<string>(type: "TEXT", maxLength: 12, nullable: true),
                    DetentionId = table.Column<Guid>(type: "TEXT", nullable: true),
                    ReportId = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_headcount_entries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_visit_headcount_entries_detentions_DetentionId",
                        column: x => x.DetentionId,
                        principalTable: "detentions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_visit_headcount_entries_visit_headcounts_HeadcountId",
                        column: x => x.HeadcountId,
                        principalTable: "visit_headcounts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_visit_headcount_entries_DetentionId",
                table: "visit_headcount_entries",
                column: "DetentionId");

            migrationBuilder.CreateIndex(
                name: "IX_visit_headcount_entries_HeadcountId_Position",
                table: "visit_headcount_entries",
                columns: new[] { "HeadcountId", "Position" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_visit_headcounts_VisitId",
                table: "visit_headcounts",
                column: "VisitId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "visit_headcount_entries");

            migrationBuilder.DropTable(
                name: "visit_headcounts");
        }
    }
}
