using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Mechanism = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    Document = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Paragraph = table.Column<int>(type: "integer", nullable: false),
                    SubParagraph = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SummaryKk = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SummaryRu = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SummaryEn = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    AdoptedAt = table.Column<DateOnly>(type: "date", nullable: false),
                    FollowUp = table.Column<bool>(type: "boolean", nullable: false),
                    FollowUpDueBy = table.Column<DateOnly>(type: "date", nullable: true),
                    Themes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AffectedGroups = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Addressees = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Related = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Source = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    RulePackId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendations", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "recommendation_assessments",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Actor = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ScalesId = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    ScalesVersion = table.Column<int>(type: "integer", nullable: false),
                    Scale = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Grade = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Rationale = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Metric = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: false),
                    Region = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Key = table.Column<string>(type: "character varying(280)", maxLength: 280, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    IndicatorId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<decimal>(type: "numeric(18,4)", precision: 18, scale: 4, nullable: true),
                    Part = table.Column<int>(type: "integer", nullable: true),
                    Whole = table.Column<int>(type: "integer", nullable: true),
                    Suppressed = table.Column<bool>(type: "boolean", nullable: false),
                    Manual = table.Column<bool>(type: "boolean", nullable: false),
                    ComputedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendation_indicator_snapshots", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recommendation_indicator_snapshots_recommendation_indicator~",
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
                name: "IX_recommendation_indicator_snapshots_IndicatorId_Year_Compute~",
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
