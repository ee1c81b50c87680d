using System.Text.RegularExpressions;

namespace Aigaq.Tests.Statistics;

/// <summary>A CSV export read as a reader's program reads it (RFC 4180), and the cells of a page's table.</summary>
public sealed partial record Csv(string[] Header, IReadOnlyList<Csv.Row> Rows)
{
    public sealed record Row(string[] Header, string[] Values)
    {
        public string this[string column] => Values[Array.IndexOf(Header, column)];

        /// <summary>The count as published: the number, or the mark the last column gives it ("&lt;5" or "x").</summary>
        public string Shown(string column) => this[column] is { Length: > 0 } n ? n : Values[^1].Split("; ")
            .Select(note => note.Split(": ")).Single(p => p[0] == column)[1];
    }

    public static Csv Parse(string text)
    {
        var lines = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                lines.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(c);
            }
        }

        Assert.Empty(fields);
        Assert.Equal(0, field.Length);
        var header = lines[0];
        Assert.All(lines, l => Assert.Equal(header.Length, l.Length));
        return new Csv(header, [.. lines.Skip(1).Select(l => new Row(header, l))]);
    }

    /// <summary>The text of each data cell (td) in the body of the table with this id.</summary>
    public static string[] Cells(string page, string tableId)
    {
        var table = Regex.Match(page, $"<table id=\"{tableId}\">.*?</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table {tableId}");
        var body = Regex.Match(table.Value, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Td().Matches(body).Select(m => System.Net.WebUtility.HtmlDecode(m.Groups[1].Value.Trim()))];
    }

    /// <summary>The rows of the body of a table: the row's header cell, then its data cells.</summary>
    public static List<string[]> TableRows(string page, string tableId)
    {
        var table = Regex.Match(page, $"<table id=\"{tableId}\">.*?</table>", RegexOptions.Singleline);
        Assert.True(table.Success, $"no table {tableId}");
        var body = Regex.Match(table.Value, "<tbody>(.*?)</tbody>", RegexOptions.Singleline).Groups[1].Value;
        return [.. Tr().Matches(body).Select(r => Cell().Matches(r.Groups[1].Value)
            .Select(m => System.Net.WebUtility.HtmlDecode(Regex.Replace(m.Groups[1].Value, "<[^>]+>", "").Trim())).ToArray())];
    }

    [GeneratedRegex("<td>(.*?)</td>", RegexOptions.Singleline)]
    private static partial Regex Td();

    [GeneratedRegex("<tr>(.*?)</tr>", RegexOptions.Singleline)]
    private static partial Regex Tr();

    [GeneratedRegex("<t[hd][^>]*>(.*?)</t[hd]>", RegexOptions.Singleline)]
    private static partial Regex Cell();
}
