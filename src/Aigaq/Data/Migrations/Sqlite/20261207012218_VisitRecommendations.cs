using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class VisitRecommendations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "visit_recommendations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Seq = table.Column<long>(type: "INTEGER", nullable: false),
                    Number = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    FacilityId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Addressee = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Theme = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Priority = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ResponseDueBy = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ResponseDueAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RepeatsId = table.Column<Guid>(type: "TEXT", nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_recommendations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_visit_recommendations_facilities_FacilityId",
                        column: x => x.FacilityId,
                        principalTable: "facilities",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_visit_recommendations_visit_recommendations_RepeatsId",
                        column: x => x.RepeatsId,
                        principalTable: "visit_recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_visit_recommendations_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visit_recommendation_checks",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecommendationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    VisitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Finding = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_recommendation_checks", x => x.Id);
                    table.ForeignKey(
                        name: "FK_visit_recommendation_checks_visit_recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "visit_recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_visit_recommendation_checks_visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "visit_recommendation_responses",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecommendationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_visit_recommendation_responses", x => x.Id);
                    table.ForeignKey(
                        name: "FK_visit_recommendation_responses_visit_recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "visit_recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendation_checks_RecommendationId_At",
                table: "visit_recommendation_checks",
                columns: new[] { "RecommendationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendation_checks_RecommendationId_VisitId",
                table: "visit_recommendation_checks",
                columns: new[] { "RecommendationId", "VisitId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendation_checks_VisitId",
                table: "visit_recommendation_checks",
                column: "VisitId");

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendation_responses_RecommendationId_At",
                table: "visit_recommendation_responses",
                columns: new[] { "RecommendationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendations_FacilityId_Theme",
                table: "visit_recommendations",
                columns: new[] { "FacilityId", "Theme" });

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendations_Number",
                table: "visit_recommendations",
                column: "Number",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendations_Region_Seq",
                table: "visit_recommendations",
                columns: new[] { "Region", "Seq" });

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendations_RepeatsId",
                table: "visit_recommendations",
                column: "RepeatsId");

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendations_ResponseDueAt",
                table: "visit_recommendations",
                column: "ResponseDueAt");

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendations_Seq",
                table: "visit_recommendations",
                column: "Seq",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_visit_recommendations_VisitId",
                table: "visit_recommendations",
                column: "VisitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "visit_recommendation_checks");

            migrationBuilder.DropTable(
                name: "visit_recommendation_responses");

            migrationBuilder.DropTable(
                name: "visit_recommendations");
        }
    }
}
