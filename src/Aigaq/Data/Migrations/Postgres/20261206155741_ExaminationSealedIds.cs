using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ExaminationSealedIds : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "FindingIds",
                table: "examination_seals",
                type: "character varying(64000)",
                maxLength: 64000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SectionIds",
                table: "examination_seals",
                type: "character varying(64000)",
                maxLength: 64000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "FindingIds",
                table: "examination_seals");

            migrationBuilder.DropColumn(
                name: "SectionIds",
                table: "examination_seals");
        }
    }
}
