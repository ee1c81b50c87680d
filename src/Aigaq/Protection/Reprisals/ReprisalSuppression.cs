namespace Aigaq.Protection;

/// <summary>
/// Small-cell suppression over counts that add up: the cells of a table and the sums (relations) a reader can know,
/// such as each region's types adding up to the region's total and each type's regions adding up to the national count.
/// </summary>
/// <remarks>
/// <para>Primary: a count from 1 to <c>threshold - 1</c> is suppressed. A zero is shown: it singles no one out.</para>
/// <para>
/// Secondary: a suppressed count could still be had from a sum and the counts shown beside it. The answer does not say
/// why a cell is suppressed (small, or to protect a small one), so a reader knows of a suppressed cell only that it is
/// at least 1. In every relation, if the suppressed cells can be worked out (one alone with its total shown; the total
/// alone with its parts shown; or, with the total shown, hidden parts that can only all be 1), the smallest count still
/// shown in it is suppressed too, and so on, relation by relation, until no relation pins a suppressed cell.
/// </para>
/// <para>
/// Not covered: answers for two overlapping periods can be subtracted from each other. The statistics take whole
/// months only, and the by-month counts of each answer are protected, which narrows but does not close that (docs/api.md).
/// </para>
/// </remarks>
public sealed class ReprisalSuppression
{
    private readonly List<int> _counts = [];
    private readonly List<(int[] Parts, int Total)> _relations = [];
    private HashSet<int>? _suppressed;

    /// <summary>Adds a cell with its count and answers its index.</summary>
    public int Cell(int count)
    {
        _counts.Add(count);
        _suppressed = null;
        return _counts.Count - 1;
    }

    /// <summary>Declares that the counts of <paramref name="parts"/> add up to that of <paramref name="total"/>.</summary>
    public void Sum(IEnumerable<int> parts, int total)
    {
        _relations.Add(([.. parts], total));
        _suppressed = null;
    }

    public int Count(int cell) => _counts[cell];

    /// <summary>The cells suppressed with <paramref name="threshold"/>, each relation protected.</summary>
    public IReadOnlySet<int> Suppressed(int threshold)
    {
        if (_suppressed is not null)
        {
            return _suppressed;
        }

        var hidden = Enumerable.Range(0, _counts.Count).Where(i => _counts[i] > 0 && _counts[i] < threshold).ToHashSet();
        bool changed;
        do
        {
            changed = false;
            foreach (var (parts, total) in _relations)
            {
                if (Pinned(parts, total, hidden) && Smallest(parts.Append(total), hidden) is { } next)
                {
                    hidden.Add(next);
                    changed = true;
                }
            }
        }
        while (changed);

        return _suppressed = hidden;
    }

    /// <summary>Whether a suppressed cell of the relation has only one value a reader could give it.</summary>
    private bool Pinned(int[] parts, int total, HashSet<int> hidden)
    {
        var hiddenParts = parts.Where(hidden.Contains).ToList();
        if (hidden.Contains(total))
        {
            // The total hidden: pinned only when every part is shown (it is their sum).
            return hiddenParts.Count == 0;
        }

        if (hiddenParts.Count == 0)
        {
            return false;
        }

        // The total shown: the hidden parts' sum is known; each is at least 1, so each can take at least two values
        // only when there are two or more and their sum exceeds their number.
        var sum = hiddenParts.Sum(p => _counts[p]);
        return hiddenParts.Count == 1 || sum <= hiddenParts.Count;
    }

    /// <summary>The smallest non-zero count of <paramref name="cells"/> still shown (the first such on a tie), or null.</summary>
    private int? Smallest(IEnumerable<int> cells, HashSet<int> hidden)
    {
        int? best = null;
        foreach (var c in cells)
        {
            if (_counts[c] > 0 && !hidden.Contains(c) && (best is null || _counts[c] < _counts[best.Value]))
            {
                best = c;
            }
        }

        return best;
    }
}
