using System.Collections.Frozen;

namespace Aigaq.Examinations;

/// <summary>
/// The body diagram's views and the regions each shows (CONTRACT.md, "Istanbul Protocol examinations"; the national form
/// carries the same list as <c>bodyRegions</c>). A finding's <c>x</c>, <c>y</c> are fractions 0..1 of its view's
/// drawing, 0,0 at the top left. Labels are <c>BodyView.&lt;view&gt;</c> and <c>BodyRegion.&lt;id&gt;</c> in SharedResource.
/// </summary>
public static class BodyRegions
{
    public static readonly IReadOnlyList<string> Views = ["front", "back", "left", "right", "top", "bottom"];

    private static readonly string[] Side =
        ["head", "face", "neck", "shoulder", "upperArm", "forearm", "hand", "chest", "abdomen", "back", "buttocks", "thigh", "knee", "lowerLeg", "foot", "ear"];

    public static readonly FrozenDictionary<string, IReadOnlyList<string>> ByView = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal)
    {
        ["front"] =
        [
            "head", "face", "neck", "rightShoulder", "leftShoulder", "chest", "abdomen", "pelvis", "genitals", "rightUpperArm", "leftUpperArm",
            "rightForearm", "leftForearm", "rightHand", "leftHand", "rightThigh", "leftThigh", "rightKnee", "leftKnee", "rightLowerLeg",
            "leftLowerLeg", "rightFoot", "leftFoot",
        ],
        ["back"] =
        [
            "head", "neck", "rightShoulder", "leftShoulder", "upperBack", "lowerBack", "buttocks", "rightUpperArm", "leftUpperArm",
            "rightForearm", "leftForearm", "rightHand", "leftHand", "rightThigh", "leftThigh", "rightKnee", "leftKnee", "rightLowerLeg",
            "leftLowerLeg", "rightFoot", "leftFoot",
        ],
        ["left"] = Side,
        ["right"] = Side,
        ["top"] = ["scalp", "rightShoulder", "leftShoulder"],
        ["bottom"] = ["rightSole", "leftSole"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>Every region id of any view, once.</summary>
    public static IEnumerable<string> AllRegions => ByView.Values.SelectMany(r => r).Distinct(StringComparer.Ordinal);

    public static bool IsKnown(string? view, string? region) =>
        view is not null && region is not null && ByView.TryGetValue(view, out var regions) && regions.Contains(region, StringComparer.Ordinal);
}
