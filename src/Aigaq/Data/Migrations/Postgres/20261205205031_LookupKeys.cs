using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Aigaq.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LookupKeys : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Phone",
                table: "facilities",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LookupKey",
                table: "detentions",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_detentions_LookupKey_BirthDate",
                table: "detentions",
                columns: new[] { "LookupKey", "BirthDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_detentions_LookupKey_BirthDate",
                table: "detentions");

            migrationBuilder.DropColumn(
                name: "Phone",
                table: "facilities");

            migrationBuilder.DropColumn(
                name: "LookupKey",
                table: "detentions");
        }
    }
}
