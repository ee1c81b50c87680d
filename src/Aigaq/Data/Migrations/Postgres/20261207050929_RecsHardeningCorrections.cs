using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RecsHardeningCorrections : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "recommendation_corrections",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RecommendationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Revision = table.Column<int>(type: "integer", nullable: false),
                    Reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    Fields = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    SummaryKk = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SummaryRu = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    SummaryEn = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    FollowUpDueBy = table.Column<DateOnly>(type: "date", nullable: true),
                    Themes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    AffectedGroups = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Addressees = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Related = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_recommendation_corrections", x => x.Id);
                    table.ForeignKey(
                        name: "FK_recommendation_corrections_recommendations_RecommendationId",
                        column: x => x.RecommendationId,
                        principalTable: "recommendations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_recommendation_corrections_RecommendationId_Revision",
                table: "recommendation_corrections",
                columns: new[] { "RecommendationId", "Revision" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "recommendation_corrections");
        }
    }
}
