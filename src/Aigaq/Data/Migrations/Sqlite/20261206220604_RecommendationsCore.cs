using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RecommendationsCore : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recommendations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    Mechanism = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Document = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Paragraph = table.Column<int>(type: "INTEGER", nullable: false),
                    SubParagraph = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SummaryKk = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SummaryRu = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SummaryEn = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    AdoptedAt = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    FollowUp = table.Column<bool>(type: "INTEGER", nullable: false),
                    FollowUpDueBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Themes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AffectedGroups = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Addressees = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Related = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Source = table.Column<string>(type: "TEXT", maxLength: 10, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    RulePackId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recommendation_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecommendationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Actor = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ScalesId = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    ScalesVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    Scale = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Grade = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Rationale = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendation_assessments", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recommendation_assessments_recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "recommendation_indicators",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecommendationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Metric = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Region = table.Column<string>(type: "TEXT", maxLength: 8, nullable: true),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Unit = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "TEXT", maxLength: 280, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendation_indicators", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recommendation_indicators_recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "recommendation_indicator_snapshots",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    IndicatorId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Value = table.Column<decimal>(type: "TEXT", precision: 18, scale: 4, nullable: true),
                    Part = table.Column<int>(type: "INTEGER", nullable: true),
                    Whole = table.Column<int>(type: "INTEGER", nullable: true),
                    Suppressed = table.Column<bool>(type: "INTEGER", nullable: false),
                    Manual = table.Column<bool>(type: "INTEGER", nullable: false),
                    ComputedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendation_indicator_snapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recommendation_indicator_snapshots_recommendation_indicators_IndicatorId",
                        column: x => x.IndicatorId,
                        principalTable: "recommendation_indicators",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recommendation_assessments_RecommendationId_At",
                table: "recommendation_assessments",
                columns: new[] { "RecommendationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_recommendation_indicator_snapshots_IndicatorId_Year_ComputedAt",
                table: "recommendation_indicator_snapshots",
                columns: new[] { "IndicatorId", "Year", "ComputedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_recommendation_indicators_RecommendationId_Key",
                table: "recommendation_indicators",
                columns: new[] { "RecommendationId", "Key" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_recommendations_Document_Paragraph_SubParagraph",
                table: "recommendations",
                columns: new[] { "Document", "Paragraph", "SubParagraph" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recommendation_assessments");

            migrationBuilder.DropTable(
                name: "recommendation_indicator_snapshots");

            migrationBuilder.DropTable(
                name: "recommendation_indicators");

            migrationBuilder.DropTable(
                name: "recommendations");
        }
    }
}
