using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExaminationPhotos : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "examination_photos",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ExaminationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<int>(type: "integer", nullable: false),
                    Sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Size = table.Column<long>(type: "bigint", nullable: false),
                    Format = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    CameraTime = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Device = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Software = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    GpsPresent = table.Column<bool>(type: "boolean", nullable: false),
                    Orientation = table.Column<int>(type: "integer", nullable: true),
                    MetadataPresent = table.Column<bool>(type: "boolean", nullable: false),
                    ScaleShown = table.Column<bool>(type: "boolean", nullable: false),
                    ColourChartShown = table.Column<bool>(type: "boolean", nullable: false),
                    Intimate = table.Column<bool>(type: "boolean", nullable: false),
                    IdentifiesPerson = table.Column<bool>(type: "boolean", nullable: false),
                    FindingId = table.Column<Guid>(type: "uuid", nullable: true),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_examination_photos", x => x.Id);
                    table.ForeignKey(
                        name: "FK_examination_photos_examinations_ExaminationId",
                        column: x => x.ExaminationId,
                        principalTable: "examinations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_examination_photos_ExaminationId_Seq",
                table: "examination_photos",
                columns: new[] { "ExaminationId", "Seq" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_examination_photos_Sha256",
                table: "examination_photos",
                column: "Sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "examination_photos");
        }
    }
}
