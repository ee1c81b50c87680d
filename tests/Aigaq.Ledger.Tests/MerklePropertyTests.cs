using CsCheck;

namespace Aigaq.Ledger.Tests;

public class MerklePropertyTests
{
    private static readonly Gen<(long Size, long Index)> SizeAndIndex =
        from size in Gen.Long[1, 300]
        from index in Gen.Long[0, size - 1]
        select (size, index);

    private static readonly Gen<(long Old, long New)> TwoSizes =
        from newSize in Gen.Long[1, 300]
        from oldSize in Gen.Long[1, newSize]
        select (oldSize, newSize);

    private static byte[] Flip(byte[] hash, int bit)
    {
        var copy = (byte[])hash.Clone();
        copy[bit / 8] ^= (byte)(1 << (bit % 8));
        return copy;
    }

    private static List<byte[]> FlipInProof(IReadOnlyList<byte[]> proof, int which, int bit)
    {
        var copy = proof.ToList();
        copy[which] = Flip(copy[which], bit);
        return copy;
    }

    [Fact]
    public void Root_from_stored_hashes_matches_the_compact_range_for_every_prefix()
    {
        var tree = MemoryTree.WithSize(300);
        var range = new CompactRange();
        for (long size = 1; size <= 300; size++)
        {
            range.Append(tree.LeafHash(size - 1));
            Assert.Equal(range.Root(), MerkleProof.RootHash(tree, size));
        }
    }

    [Fact]
    public void Honest_inclusion_proofs_verify() =>
        SizeAndIndex.Sample(t =>
        {
            var tree = MemoryTree.WithSize(t.Size);
            var proof = MerkleProof.InclusionProof(tree, t.Index, t.Size);
            return MerkleProof.VerifyInclusion(tree.LeafHash(t.Index), t.Index, t.Size, proof, tree.Root());
        }, iter: 300);

    [Fact]
    public void Inclusion_proof_fails_when_a_hash_is_altered() =>
        Gen.Select(SizeAndIndex.Where(t => t.Size > 1), Gen.Int[0, 255], Gen.Int[0, 1000]).Sample((t, bit, pick) =>
        {
            var tree = MemoryTree.WithSize(t.Size);
            var proof = MerkleProof.InclusionProof(tree, t.Index, t.Size);
            var altered = FlipInProof(proof, pick % proof.Count, bit);
            return !MerkleProof.VerifyInclusion(tree.LeafHash(t.Index), t.Index, t.Size, altered, tree.Root());
        }, iter: 300);

    [Fact]
    public void Inclusion_proof_fails_when_the_leaf_or_root_is_altered() =>
        Gen.Select(SizeAndIndex, Gen.Int[0, 255]).Sample((t, bit) =>
        {
            var tree = MemoryTree.WithSize(t.Size);
            var proof = MerkleProof.InclusionProof(tree, t.Index, t.Size);
            return !MerkleProof.VerifyInclusion(Flip(tree.LeafHash(t.Index), bit), t.Index, t.Size, proof, tree.Root())
                && !MerkleProof.VerifyInclusion(tree.LeafHash(t.Index), t.Index, t.Size, proof, Flip(tree.Root(), bit));
        }, iter: 300);

    // A checkpoint binds a size to its root, so a wrong size is tried together with the genuine root for that size.
    // (With the original root, RFC 9162 verification cannot tell apart sizes whose audit paths have the same shape.)
    [Fact]
    public void Inclusion_proof_fails_for_a_wrong_index_or_size() =>
        Gen.Select(SizeAndIndex.Where(t => t.Size > 1), Gen.Long[1, 300]).Sample((t, delta) =>
        {
            var tree = MemoryTree.WithSize(t.Size + delta);
            var proof = MerkleProof.InclusionProof(tree, t.Index, t.Size);
            var leaf = tree.LeafHash(t.Index);
            var root = MerkleProof.RootHash(tree, t.Size);
            var wrongIndex = (t.Index + delta) % t.Size;
            var larger = t.Size + delta;
            var smaller = t.Size - 1;
            return (wrongIndex == t.Index || !MerkleProof.VerifyInclusion(leaf, wrongIndex, t.Size, proof, root))
                && !MerkleProof.VerifyInclusion(leaf, t.Index, larger, proof, MerkleProof.RootHash(tree, larger))
                && !MerkleProof.VerifyInclusion(leaf, t.Index, smaller, proof, MerkleProof.RootHash(tree, smaller));
        }, iter: 300);

    [Fact]
    public void Honest_consistency_proofs_verify() =>
        TwoSizes.Sample(t =>
        {
            var tree = MemoryTree.WithSize(t.New);
            var proof = MerkleProof.ConsistencyProof(tree, t.Old, t.New);
            return MerkleProof.VerifyConsistency(t.Old, t.New, proof, MerkleProof.RootHash(tree, t.Old), tree.Root());
        }, iter: 300);

    [Fact]
    public void Consistency_proof_fails_when_a_hash_is_altered() =>
        Gen.Select(TwoSizes.Where(t => t.Old < t.New), Gen.Int[0, 255], Gen.Int[0, 1000]).Sample((t, bit, pick) =>
        {
            var tree = MemoryTree.WithSize(t.New);
            var proof = MerkleProof.ConsistencyProof(tree, t.Old, t.New);
            var oldRoot = MerkleProof.RootHash(tree, t.Old);
            var newRoot = tree.Root();
            return !MerkleProof.VerifyConsistency(t.Old, t.New, FlipInProof(proof, pick % proof.Count, bit), oldRoot, newRoot)
                && !MerkleProof.VerifyConsistency(t.Old, t.New, proof, Flip(oldRoot, bit), newRoot)
                && !MerkleProof.VerifyConsistency(t.Old, t.New, proof, oldRoot, Flip(newRoot, bit));
        }, iter: 300);

    [Fact]
    public void Consistency_proof_fails_for_wrong_sizes() =>
        Gen.Select(TwoSizes.Where(t => t.Old < t.New), Gen.Long[1, 300]).Sample((t, delta) =>
        {
            var tree = MemoryTree.WithSize(t.New + delta);
            var proof = MerkleProof.ConsistencyProof(tree, t.Old, t.New);
            bool Verifies(long oldSize, long newSize) =>
                MerkleProof.VerifyConsistency(oldSize, newSize, proof, MerkleProof.RootHash(tree, oldSize), MerkleProof.RootHash(tree, newSize));
            return Verifies(t.Old, t.New)
                && !Verifies(t.Old, t.New + delta)
                && (t.Old + 1 == t.New || !Verifies(t.Old + 1, t.New))
                && (t.Old == 1 || !Verifies(t.Old - 1, t.New));
        }, iter: 300);

    [Fact]
    public void Consistency_proof_fails_when_a_hash_is_dropped_or_added() =>
        TwoSizes.Where(t => t.Old < t.New).Sample(t =>
        {
            var tree = MemoryTree.WithSize(t.New);
            var proof = MerkleProof.ConsistencyProof(tree, t.Old, t.New);
            var oldRoot = MerkleProof.RootHash(tree, t.Old);
            var newRoot = tree.Root();
            return !MerkleProof.VerifyConsistency(t.Old, t.New, proof.Take(proof.Count - 1).ToList(), oldRoot, newRoot)
                && !MerkleProof.VerifyConsistency(t.Old, t.New, [.. proof, newRoot], oldRoot, newRoot);
        }, iter: 200);
}

public class CompactRangePropertyTests
{
    [Fact]
    public void Range_resumed_from_stored_hashes_continues_to_the_same_roots() =>
        Gen.Select(Gen.Long[0, 400], Gen.Long[1, 100]).Sample((start, more) =>
        {
            var tree = MemoryTree.WithSize(start + more);
            var resumed = CompactRange.FromReader(tree, start);
            for (var i = start; i < start + more; i++)
            {
                resumed.Append(tree.LeafHash(i));
            }

            return resumed.Size == start + more && resumed.Root().AsSpan().SequenceEqual(tree.Root());
        }, iter: 100);
}
