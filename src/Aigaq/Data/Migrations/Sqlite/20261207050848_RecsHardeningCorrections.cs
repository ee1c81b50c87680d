using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    RecommendationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Revision = table.Column<int>(type: "INTEGER", nullable: false),
                    Reason = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    Fields = table.Column<string>(type: "TEXT", maxLength: 400, nullable: false),
                    Summary = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    SummaryKk = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SummaryRu = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    SummaryEn = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    FollowUpDueBy = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    Themes = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    AffectedGroups = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    Addressees = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Related = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    RecordedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false)
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
