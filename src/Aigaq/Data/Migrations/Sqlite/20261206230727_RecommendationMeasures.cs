using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecommendationMeasures : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recommendation_measures",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecommendationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 500, nullable: false),
                    Lead = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Supporting = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    TargetDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendation_measures", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recommendation_measures_recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "recommendation_measure_evidence",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeasureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "INTEGER", nullable: false),
                    MediaType = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 255, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendation_measure_evidence", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recommendation_measure_evidence_recommendation_measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "recommendation_measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "recommendation_measure_statuses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    MeasureId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendation_measure_statuses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recommendation_measure_statuses_recommendation_measures_MeasureId",
                        column: x => x.MeasureId,
                        principalTable: "recommendation_measures",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recommendation_measure_evidence_MeasureId",
                table: "recommendation_measure_evidence",
                column: "MeasureId");

            migrationBuilder.CreateIndex(
                name: "IX_recommendation_measure_evidence_Sha256",
                table: "recommendation_measure_evidence",
                column: "Sha256");

            migrationBuilder.CreateIndex(
                name: "IX_recommendation_measure_statuses_MeasureId_At",
                table: "recommendation_measure_statuses",
                columns: new[] { "MeasureId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_recommendation_measures_RecommendationId",
                table: "recommendation_measures",
                column: "RecommendationId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recommendation_measure_evidence");

            migrationBuilder.DropTable(
                name: "recommendation_measure_statuses");

            migrationBuilder.DropTable(
                name: "recommendation_measures");
        }
    }
}
