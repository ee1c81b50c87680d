using System.Numerics;
using System.Security.Cryptography;

namespace Aigaq.Ledger;

/// <summary>
/// Root computation, inclusion proofs and consistency proofs for RFC 6962 / RFC 9162 Merkle trees.
/// Generation reads stored complete-subtree hashes through an <see cref="IHashReader"/>; verification
/// follows RFC 9162 sections 2.1.3.2 and 2.1.4.2.
/// </summary>
public static class MerkleProof
{
    /// <summary>Computes the root hash of the tree made of the first <paramref name="size"/> leaves.</summary>
    /// <param name="reader">Reads stored node hashes.</param>
    /// <param name="size">The tree size (0 gives the empty tree hash).</param>
    /// <returns>A new 32-byte root hash.</returns>
    public static byte[] RootHash(IHashReader reader, long size)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(size);
        var result = new byte[MerkleHash.Size];
        if (size == 0)
        {
            MerkleHash.EmptyRoot.CopyTo(result);
        }
        else
        {
            SubtreeHash(reader, 0, size, result);
        }

        return result;
    }

    /// <summary>Generates the RFC 6962 audit path for leaf <paramref name="index"/> in a tree of <paramref name="size"/> leaves.</summary>
    /// <param name="reader">Reads stored node hashes.</param>
    /// <param name="index">The zero-based leaf index, less than <paramref name="size"/>.</param>
    /// <param name="size">The tree size.</param>
    /// <returns>The proof hashes, from the leaf's sibling up to the root's child.</returns>
    public static IReadOnlyList<byte[]> InclusionProof(IHashReader reader, long index, long size)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, size);
        var proof = new List<byte[]>();
        Path(reader, index, 0, size, proof);
        return proof;
    }

    /// <summary>Generates the RFC 6962 consistency proof between tree sizes <paramref name="oldSize"/> and <paramref name="newSize"/>.</summary>
    /// <param name="reader">Reads stored node hashes.</param>
    /// <param name="oldSize">The earlier tree size; 0 or equal sizes give an empty proof.</param>
    /// <param name="newSize">The later tree size, at least <paramref name="oldSize"/>.</param>
    /// <returns>The proof hashes.</returns>
    public static IReadOnlyList<byte[]> ConsistencyProof(IHashReader reader, long oldSize, long newSize)
    {
        ArgumentNullException.ThrowIfNull(reader);
        ArgumentOutOfRangeException.ThrowIfNegative(oldSize);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(oldSize, newSize);
        var proof = new List<byte[]>();
        if (oldSize > 0 && oldSize < newSize)
        {
            SubProof(reader, oldSize, 0, newSize, true, proof);
        }

        return proof;
    }

    /// <summary>
    /// Verifies that <paramref name="leafHash"/> is the leaf at <paramref name="index"/> of the tree of
    /// <paramref name="size"/> leaves whose root is <paramref name="rootHash"/> (RFC 9162 section 2.1.3.2).
    /// </summary>
    /// <param name="leafHash">The RFC 6962 leaf hash.</param>
    /// <param name="index">The zero-based leaf index.</param>
    /// <param name="size">The tree size.</param>
    /// <param name="proof">The audit path.</param>
    /// <param name="rootHash">The expected root hash.</param>
    /// <returns><see langword="true"/> when the proof is valid.</returns>
    public static bool VerifyInclusion(ReadOnlySpan<byte> leafHash, long index, long size, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> rootHash)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (index < 0 || index >= size || leafHash.Length != MerkleHash.Size || rootHash.Length != MerkleHash.Size)
        {
            return false;
        }

        var fn = index;
        var sn = size - 1;
        Span<byte> r = stackalloc byte[MerkleHash.Size];
        leafHash.CopyTo(r);
        foreach (var p in proof)
        {
            if (p is null || p.Length != MerkleHash.Size || sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(p, r, r);
                if ((fn & 1) == 0)
                {
                    while ((fn & 1) == 0 && fn != 0)
                    {
                        fn >>= 1;
                        sn >>= 1;
                    }
                }
            }
            else
            {
                MerkleHash.Node(r, p, r);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0 && CryptographicOperations.FixedTimeEquals(r, rootHash);
    }

    /// <summary>
    /// Verifies that the tree of <paramref name="newSize"/> leaves with root <paramref name="newRoot"/> extends
    /// the tree of <paramref name="oldSize"/> leaves with root <paramref name="oldRoot"/> (RFC 9162 section 2.1.4.2).
    /// Equal sizes require an empty proof and equal roots; an old size of 0 requires an empty proof and the empty tree hash.
    /// </summary>
    /// <param name="oldSize">The earlier tree size.</param>
    /// <param name="newSize">The later tree size.</param>
    /// <param name="proof">The consistency proof.</param>
    /// <param name="oldRoot">The root hash at <paramref name="oldSize"/>.</param>
    /// <param name="newRoot">The root hash at <paramref name="newSize"/>.</param>
    /// <returns><see langword="true"/> when the proof is valid.</returns>
    public static bool VerifyConsistency(long oldSize, long newSize, IReadOnlyList<byte[]> proof, ReadOnlySpan<byte> oldRoot, ReadOnlySpan<byte> newRoot)
    {
        ArgumentNullException.ThrowIfNull(proof);
        if (oldSize < 0 || oldSize > newSize || oldRoot.Length != MerkleHash.Size || newRoot.Length != MerkleHash.Size)
        {
            return false;
        }

        if (oldSize == newSize)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, newRoot);
        }

        if (oldSize == 0)
        {
            return proof.Count == 0 && CryptographicOperations.FixedTimeEquals(oldRoot, MerkleHash.EmptyRoot);
        }

        if (proof.Count == 0)
        {
            return false;
        }

        foreach (var p in proof)
        {
            if (p is null || p.Length != MerkleHash.Size)
            {
                return false;
            }
        }

        var start = 0;
        Span<byte> fr = stackalloc byte[MerkleHash.Size];
        Span<byte> sr = stackalloc byte[MerkleHash.Size];
        if (BitOperations.IsPow2(oldSize))
        {
            oldRoot.CopyTo(fr);
        }
        else
        {
            proof[0].CopyTo(fr);
            start = 1;
        }

        fr.CopyTo(sr);
        var fn = oldSize - 1;
        var sn = newSize - 1;
        while ((fn & 1) == 1)
        {
            fn >>= 1;
            sn >>= 1;
        }

        for (var i = start; i < proof.Count; i++)
        {
            var c = proof[i];
            if (sn == 0)
            {
                return false;
            }

            if ((fn & 1) == 1 || fn == sn)
            {
                MerkleHash.Node(c, fr, fr);
                MerkleHash.Node(c, sr, sr);
                while ((fn & 1) == 0 && fn != 0)
                {
                    fn >>= 1;
                    sn >>= 1;
                }
            }
            else
            {
                MerkleHash.Node(sr, c, sr);
            }

            fn >>= 1;
            sn >>= 1;
        }

        return sn == 0
            && CryptographicOperations.FixedTimeEquals(fr, oldRoot)
            && CryptographicOperations.FixedTimeEquals(sr, newRoot);
    }

    /// <summary>Largest power of two strictly less than <paramref name="n"/> (n &gt; 1).</summary>
    internal static long SplitPoint(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>
    /// Hash of the RFC 6962 subtree over leaves [lo, hi), where lo is aligned to a power of two at least hi - lo,
    /// assembled from stored complete subtrees.
    /// </summary>
    internal static void SubtreeHash(IHashReader reader, long lo, long hi, Span<byte> destination)
    {
        Span<byte> parts = stackalloc byte[64 * MerkleHash.Size];
        var count = 0;
        var pos = lo;
        while (pos < hi)
        {
            var level = 63 - BitOperations.LeadingZeroCount((ulong)(hi - pos));
            reader.ReadHash(level, pos >> level, parts.Slice(count * MerkleHash.Size, MerkleHash.Size));
            count++;
            pos += 1L << level;
        }

        Span<byte> hash = stackalloc byte[MerkleHash.Size];
        parts.Slice((count - 1) * MerkleHash.Size, MerkleHash.Size).CopyTo(hash);
        for (var i = count - 2; i >= 0; i--)
        {
            MerkleHash.Node(parts.Slice(i * MerkleHash.Size, MerkleHash.Size), hash, hash);
        }

        hash.CopyTo(destination);
    }

    private static byte[] Subtree(IHashReader reader, long lo, long hi)
    {
        var result = new byte[MerkleHash.Size];
        SubtreeHash(reader, lo, hi, result);
        return result;
    }

    // RFC 6962 section 2.1.1 PATH(m, D[lo:hi]).
    private static void Path(IHashReader reader, long m, long lo, long hi, List<byte[]> proof)
    {
        var n = hi - lo;
        if (n == 1)
        {
            return;
        }

        var k = SplitPoint(n);
        if (m - lo < k)
        {
            Path(reader, m, lo, lo + k, proof);
            proof.Add(Subtree(reader, lo + k, hi));
        }
        else
        {
            Path(reader, m, lo + k, hi, proof);
            proof.Add(Subtree(reader, lo, lo + k));
        }
    }

    // RFC 6962 section 2.1.2 SUBPROOF(m, D[lo:hi], b).
    private static void SubProof(IHashReader reader, long m, long lo, long hi, bool complete, List<byte[]> proof)
    {
        var n = hi - lo;
        if (m == n)
        {
            if (!complete)
            {
                proof.Add(Subtree(reader, lo, hi));
            }

            return;
        }

        var k = SplitPoint(n);
        if (m <= k)
        {
            SubProof(reader, m, lo, lo + k, complete, proof);
            proof.Add(Subtree(reader, lo + k, hi));
        }
        else
        {
            SubProof(reader, m - k, lo + k, hi, false, proof);
            proof.Add(Subtree(reader, lo, lo + k));
        }
    }
}
