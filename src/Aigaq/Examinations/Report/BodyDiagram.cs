using System.Globalization;

namespace Aigaq.Examinations;

/// <summary>A finding's place on the diagram: its view, and where in the view's drawing (fractions 0..1, 0,0 top left).</summary>
/// <remarks><c>Label</c>: What the marker says when pointed at (its number in the report, say).</remarks>
public sealed record BodyMarker(string View, double X, double Y, string Label);

/// <summary>
/// What <c>_BodyDiagram.cshtml</c> draws: the six views with <paramref name="Markers"/> on them; when
/// <paramref name="Editable"/>, each region is a button and a choice fills the form fields <c>view</c>, <c>bodyRegion</c>,
/// <c>x</c> and <c>y</c> (wwwroot/examinations/body.js).
/// </summary>
public sealed record BodyDiagram(IReadOnlyList<BodyMarker> Markers, bool Editable)
{
    /// <summary>A number as SVG reads it, whatever the page's language.</summary>
    public static string Svg(double value) => Math.Round(value, 2).ToString(CultureInfo.InvariantCulture);
}
