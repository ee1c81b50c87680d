using System.Collections.Frozen;

namespace Aigaq.Examinations;

/// <summary>A region's outline in its view's drawing: an ellipse (centre, radii) or a rounded rectangle (corner, size).</summary>
public sealed record BodyShape(string Region, bool Ellipse, double X, double Y, double Width, double Height)
{
    /// <summary>The point inside the shape a keyboard choice marks: its centre.</summary>
    public (double X, double Y) Centre => Ellipse ? (X, Y) : (X + (Width / 2), Y + (Height / 2));

    public BodyShape Mirrored(double viewWidth) => this with { X = Ellipse ? viewWidth - X : viewWidth - X - Width };

    /// <summary>Whether a point of the view's drawing lies on the shape, or within <paramref name="margin"/> units of its edge.</summary>
    public bool Covers(double x, double y, double margin)
    {
        if (Ellipse)
        {
            var dx = (x - X) / (Width + margin);
            var dy = (y - Y) / (Height + margin);
            return (dx * dx) + (dy * dy) <= 1;
        }

        return x >= X - margin && x <= X + Width + margin && y >= Y - margin && y <= Y + Height + margin;
    }
}

/// <summary>
/// The drawing of each view of the body diagram: simple shapes in a fixed box, drawn in order (a later shape lies over an
/// earlier one, as the face over the head). The page (<c>_BodyDiagram.cshtml</c>) and the printed report draw the same
/// shapes, so a marker sits on the same place in both. The front view faces the reader (the person's right is on the
/// reader's left); the back, top and bottom views are seen from behind, above and below.
/// </summary>
public static class BodyDiagramShapes
{
    public const double Width = 200;
    public const double TallHeight = 410;
    public const double ShortHeight = 200;

    private static BodyShape E(string region, double cx, double cy, double rx, double ry) => new(region, true, cx, cy, rx, ry);

    private static BodyShape R(string region, double x, double y, double w, double h) => new(region, false, x, y, w, h);

    /// <summary>Limbs of the front view: the person's right on the reader's left. The back view mirrors them.</summary>
    private static readonly BodyShape[] FrontLimbs =
    [
        R("rightUpperArm", 44, 86, 22, 62), R("leftUpperArm", 134, 86, 22, 62),
        R("rightForearm", 38, 148, 22, 58), R("leftForearm", 140, 148, 22, 58),
        E("rightHand", 47, 220, 12, 16), E("leftHand", 153, 220, 12, 16),
        R("rightThigh", 72, 200, 27, 82), R("leftThigh", 101, 200, 27, 82),
        R("rightLowerLeg", 74, 296, 23, 84), R("leftLowerLeg", 103, 296, 23, 84),
        E("rightKnee", 85, 290, 13, 11), E("leftKnee", 115, 290, 13, 11),
        E("rightFoot", 82, 392, 16, 9), E("leftFoot", 118, 392, 16, 9),
        E("rightShoulder", 66, 80, 17, 11), E("leftShoulder", 134, 80, 17, 11),
    ];

    private static readonly BodyShape[] Front =
    [
        E("head", 100, 32, 25, 29), E("face", 100, 40, 17, 19), R("neck", 90, 60, 20, 13),
        R("chest", 70, 72, 60, 52), R("abdomen", 72, 124, 56, 46), R("pelvis", 72, 170, 56, 30), E("genitals", 100, 200, 9, 9),
        .. FrontLimbs,
    ];

    private static readonly BodyShape[] Back =
    [
        E("head", 100, 32, 25, 29), R("neck", 90, 60, 20, 13),
        R("upperBack", 70, 72, 60, 60), R("lowerBack", 72, 132, 56, 40), R("buttocks", 72, 172, 56, 34),
        .. FrontLimbs.Select(s => s.Mirrored(Width)),
    ];

    /// <summary>The left side seen from the person's left: the front of the body towards the reader's left.</summary>
    private static readonly BodyShape[] Left =
    [
        E("head", 100, 32, 24, 29), E("face", 83, 40, 10, 19), E("ear", 104, 37, 6, 9), R("neck", 90, 60, 20, 13),
        R("chest", 76, 72, 24, 52), R("abdomen", 76, 124, 24, 78), R("back", 100, 72, 26, 92), R("buttocks", 100, 164, 28, 40),
        R("thigh", 80, 204, 42, 80), R("lowerLeg", 88, 296, 24, 84), E("knee", 100, 292, 16, 11), E("foot", 88, 392, 25, 9),
        R("upperArm", 93, 88, 16, 60), R("forearm", 91, 148, 16, 58), E("hand", 99, 220, 9, 15), E("shoulder", 101, 80, 14, 10),
    ];

    private static readonly BodyShape[] Top =
    [
        E("leftShoulder", 48, 110, 34, 22), E("rightShoulder", 152, 110, 34, 22), E("scalp", 100, 100, 36, 44),
    ];

    private static readonly BodyShape[] Bottom =
    [
        E("leftSole", 70, 100, 26, 66), E("rightSole", 130, 100, 26, 66),
    ];

    public static readonly FrozenDictionary<string, IReadOnlyList<BodyShape>> ByView = new Dictionary<string, IReadOnlyList<BodyShape>>(StringComparer.Ordinal)
    {
        ["front"] = Front,
        ["back"] = Back,
        ["left"] = Left,
        ["right"] = [.. Left.Select(s => s.Mirrored(Width))],
        ["top"] = Top,
        ["bottom"] = Bottom,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static double HeightOf(string view) => view is "top" or "bottom" ? ShortHeight : TallHeight;

    /// <summary>Room for a tap on a shape's very edge, in the drawing's units (the page rounds a point to 1/10,000 of the view).</summary>
    public const double EdgeMargin = 1;

    /// <summary>
    /// Whether a finding's point (fractions of the view's drawing, 0,0 top left) lies on its region's shape in that view
    /// (issue 16, L9); null when the view draws no shape for the region, as for a region a newer form version adds before
    /// the diagram draws it: such a point cannot be checked and is taken as given.
    /// </summary>
    public static bool? Covers(string view, string region, double x, double y)
    {
        if (!ByView.TryGetValue(view, out var shapes) || !shapes.Any(s => s.Region == region))
        {
            return null;
        }

        var (px, py) = (x * Width, y * HeightOf(view));
        return shapes.Any(s => s.Region == region && s.Covers(px, py, EdgeMargin));
    }
}
