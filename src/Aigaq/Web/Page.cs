using System.Globalization;
using System.Linq.Expressions;
using System.Text.Json.Serialization;
using Microsoft.EntityFrameworkCore;

namespace Aigaq.Web;

/// <summary>A page of any list (CONTRACT.md): <c>next</c> is always present, null on the last page.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Next);

/// <summary>A record numbered in the order it was registered; its lists page newest first by that number.</summary>
public interface ISequenced
{
    long Seq { get; }
}

/// <summary>Lists paged newest first by sequence number, with the number to continue below as the cursor.</summary>
public static class SeqPaging
{
    /// <summary>The cursor a list of <see cref="ISequenced"/> records gave, or null for the first page; else a field error.</summary>
    public static long? SeqCursor(this Validation v, string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        if (long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var after))
        {
            return after;
        }

        v.Add("cursor", "is not a cursor this list gave");
        return null;
    }

    /// <summary>
    /// The page of <paramref name="size"/> records below <paramref name="after"/>, newest first, each read as
    /// <paramref name="select"/> makes it in the database's query, and the cursor of the next page (null on the last).
    /// </summary>
    public static async Task<Page<TItem>> PageBySeqAsync<T, TItem>(
        this IQueryable<T> query, long? after, int size, Expression<Func<T, TItem>> select, CancellationToken ct)
        where T : class, ISequenced
    {
        if (after is not null)
        {
            query = query.Where(x => x.Seq < after);
        }

        var rows = await query.OrderByDescending(x => x.Seq).Take(size + 1).Select(WithSeq(select)).ToListAsync(ct);
        var next = rows.Count > size ? rows[size - 1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        return new Page<TItem>([.. rows.Take(size).Select(r => r.Item)], next);
    }

    /// <summary>A row's sequence number beside the item, which the caller's projection need not carry.</summary>
    private sealed class Numbered<TItem>
    {
        public long Seq { get; init; }

        public required TItem Item { get; init; }
    }

    /// <summary><c>x => new Numbered { Seq = x.Seq, Item = select(x) }</c>, as one expression the provider translates.</summary>
    private static Expression<Func<T, Numbered<TItem>>> WithSeq<T, TItem>(Expression<Func<T, TItem>> select)
    {
        var x = select.Parameters[0];
        var numbered = typeof(Numbered<TItem>);
        return Expression.Lambda<Func<T, Numbered<TItem>>>(
            Expression.MemberInit(
                Expression.New(numbered),
                Expression.Bind(numbered.GetProperty(nameof(Numbered<TItem>.Seq))!, Expression.Property(x, nameof(ISequenced.Seq))),
                Expression.Bind(numbered.GetProperty(nameof(Numbered<TItem>.Item))!, select.Body)),
            x);
    }
}
