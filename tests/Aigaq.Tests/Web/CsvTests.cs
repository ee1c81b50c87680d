using System.Text;
using Aigaq.Web;

namespace Aigaq.Tests.Web;

/// <summary>CSV as spreadsheets read it (RFC 4180), with cells a spreadsheet would run as formulas disarmed.</summary>
public sealed class CsvTests
{
    [Theory]
    [InlineData("Ахметов", "Ахметов")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\nlines", "\"two\nlines\"")]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+77011234567", "'+77011234567")]
    [InlineData("-2", "'-2")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\t=1", "'\t=1")]
    [InlineData("=SUM(A1,B1)", "\"'=SUM(A1,B1)\"")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    [InlineData(null, "")]
    public void A_field_is_quoted_where_it_must_be_and_never_starts_a_formula(string? value, string written) =>
        Assert.Equal(written, Csv.Field(value));

    [Fact]
    public void A_file_is_UTF8_with_a_byte_order_mark_and_CRLF_line_ends()
    {
        var bytes = Csv.Write([["Тегі", "Аты"], ["Әлиев", null]]);
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Equal("Тегі,Аты\r\nӘлиев,\r\n", Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3));
    }
}
