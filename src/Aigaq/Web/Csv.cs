using System.Text;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Net.Http.Headers;

namespace Aigaq.Web;

/// <summary>
/// A table written as CSV for people to open in a spreadsheet (RFC 4180): comma-separated, CRLF line ends, a field
/// quoted when it holds a comma, quote or line break, with its quotes doubled; UTF-8 with a byte-order mark, so that
/// Excel reads Cyrillic. A field that a spreadsheet would take for a formula (one starting with = + - @, a tab or a
/// carriage return) is prefixed with an apostrophe: names and comments are typed by people, and a cell must never run.
/// </summary>
public static class Csv
{
    public const string ContentType = "text/csv; charset=utf-8";

    private static readonly UTF8Encoding Utf8WithBom = new(encoderShouldEmitUTF8Identifier: true);

    /// <summary>The rows, the first being the header, as the bytes of a file.</summary>
    public static byte[] Write(IEnumerable<IReadOnlyList<string?>> rows)
    {
        var text = new StringBuilder();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                text.Append(Field(row[i]));
            }

            text.Append("\r\n");
        }

        return [.. Utf8WithBom.GetPreamble(), .. Utf8WithBom.GetBytes(text.ToString())];
    }

    /// <summary>One field, guarded against formulas and quoted where RFC 4180 needs it.</summary>
    public static string Field(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return "";
        }

        if (value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            value = "'" + value;
        }

        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }

    /// <summary>The file as a download (Content-Disposition: attachment) under <paramref name="fileName"/>.</summary>
    public static FileContentResult File(IEnumerable<IReadOnlyList<string?>> rows, string fileName) =>
        new(Write(rows), MediaTypeHeaderValue.Parse(ContentType)) { FileDownloadName = fileName };
}
