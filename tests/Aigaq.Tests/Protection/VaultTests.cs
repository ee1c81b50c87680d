using System.Text;
using Aigaq.Protection;
using Aigaq.Tests.Detentions;
using NSec.Cryptography;

namespace Aigaq.Tests.Protection;

/// <summary>
/// The identity vault (docs/decisions/0022): an identity opens only for its recipients, each holder's key only with
/// their password, and what the server stores is not enough to read anyone; blind indexes match a person without
/// opening anything.
/// </summary>
public sealed class VaultTests
{
    // Argon2id at its floor: the tests are about who can open what, not about the cost of a guess.
    private static readonly PasswordCost Cheap = new(8, 1, 1);

    private static readonly byte[] RecordId = Encoding.UTF8.GetBytes("protected-person/6f1c2a9e");
    private static readonly byte[] OtherRecordId = Encoding.UTF8.GetBytes("protected-person/0b7d41c3");

    private static readonly byte[] Identity = Encoding.UTF8.GetBytes(
        """{"lastName":"Ахметов","firstName":"Бауыржан","birthDate":"1990-01-01","iin":"900101300123","phone":"+77015550123"}""");

    private sealed record Holder(string Id, string Password, SealedHolderKey Record);

    private static Holder NewHolder(string id) => new(id, $"{id} correct horse battery", HolderKeys.Create($"{id} correct horse battery", Cheap));

    private static Key Unlock(Holder holder)
    {
        Assert.True(HolderKeys.TryUnlock(holder.Record, holder.Password, out var key));
        return key;
    }

    private static (Holder Alice, Holder Bob, RecoveryKeyPair Recovery, IdentityEnvelope Envelope) Sealed()
    {
        var alice = NewHolder("alice");
        var bob = NewHolder("bob");
        var recovery = RecoveryKey.Generate();
        var envelope = IdentityEnvelope.Seal(
            Identity,
            RecordId,
            [HolderKeys.Recipient(alice.Id, alice.Record), HolderKeys.Recipient(bob.Id, bob.Record), RecoveryKey.ParsePublic(recovery.PublicText)]);
        return (alice, bob, recovery, envelope);
    }

    private static bool Opens(IdentityEnvelope envelope, Holder holder, byte[]? associatedData = null)
    {
        using var key = Unlock(holder);
        var opened = envelope.TryOpen(holder.Id, key, associatedData ?? RecordId, out var plaintext);
        Assert.Equal(opened, plaintext is not null);
        return opened && plaintext!.AsSpan().SequenceEqual(Identity);
    }

    [Fact]
    public void Each_custodian_and_the_recovery_key_open_what_was_sealed_for_them()
    {
        var (alice, bob, recovery, envelope) = Sealed();

        Assert.True(Opens(envelope, alice));
        Assert.True(Opens(envelope, bob));
        Assert.True(RecoveryKey.TryOpen(envelope, recovery.PrivateText, RecordId, out var recovered));
        Assert.Equal(Identity, recovered);

        // The stored form reads back into an envelope that opens the same.
        Assert.True(Opens(IdentityEnvelope.FromJson(envelope.ToJson()), bob));
    }

    [Fact]
    public void A_wrong_password_is_an_answer_not_an_error()
    {
        var alice = NewHolder("alice");

        Assert.False(HolderKeys.TryUnlock(alice.Record, "alice correct horse batterY", out var none));
        Assert.Null(none);
        Assert.False(HolderKeys.TryUnlock(alice.Record, "", out _));
        Assert.True(HolderKeys.TryUnlock(alice.Record, alice.Password, out var key));
        key.Dispose();
    }

    [Fact]
    public void A_changed_password_or_a_raised_cost_keeps_the_key_and_its_identities()
    {
        var (alice, _, _, envelope) = Sealed();

        Assert.Null(HolderKeys.Reseal(alice.Record, "not the password", "new password"));
        var changed = HolderKeys.Reseal(alice.Record, alice.Password, "a new long password", Cheap with { Passes = 2 });
        Assert.NotNull(changed);

        Assert.False(HolderKeys.TryUnlock(changed, alice.Password, out _));
        Assert.Equal(alice.Record.PublicKey, changed.PublicKey);
        Assert.NotEqual(alice.Record.Salt, changed.Salt);
        Assert.True(alice.Record.Cost.IsBelow(changed.Cost));
        Assert.False(changed.Cost.IsBelow(alice.Record.Cost));
        Assert.True(Opens(envelope, alice with { Password = "a new long password", Record = SealedHolderKey.FromJson(changed.ToJson()) }));
    }

    [Fact]
    public void A_key_that_is_not_the_named_holders_opens_nothing()
    {
        var (alice, bob, _, envelope) = Sealed();
        var carol = NewHolder("carol");

        using var bobsKey = Unlock(bob);
        Assert.False(envelope.TryOpen(alice.Id, bobsKey, RecordId, out _));
        Assert.True(envelope.TryOpen(bob.Id, bobsKey, RecordId, out _));

        // Carol is no recipient: neither her own name nor another's opens it with her key.
        using var carolsKey = Unlock(carol);
        Assert.False(envelope.TryOpen(carol.Id, carolsKey, RecordId, out _));
        Assert.False(envelope.TryOpen(alice.Id, carolsKey, RecordId, out _));
    }

    [Fact]
    public void Another_records_id_opens_nothing()
    {
        var (alice, _, recovery, envelope) = Sealed();

        Assert.False(Opens(envelope, alice, OtherRecordId));
        Assert.False(RecoveryKey.TryOpen(envelope, recovery.PrivateText, OtherRecordId, out _));
        Assert.True(Opens(envelope, alice, RecordId));
    }

    [Fact]
    public void An_altered_ciphertext_wrap_or_commitment_is_refused()
    {
        var (alice, bob, _, envelope) = Sealed();
        var alicesWrap = envelope.Wraps.Single(w => w.HolderId == alice.Id);

        IdentityEnvelope WithAlicesWrap(VaultWrap wrap) =>
            envelope with { Wraps = [.. envelope.Wraps.Select(w => w.HolderId == alice.Id ? wrap : w)] };

        Assert.False(Opens(envelope with { Ciphertext = Flipped(envelope.Ciphertext, 3) }, alice));
        Assert.False(Opens(envelope with { Nonce = Flipped(envelope.Nonce, 0) }, alice));
        Assert.False(Opens(envelope with { KeyCommitment = Flipped(envelope.KeyCommitment, 31) }, alice));
        Assert.False(Opens(WithAlicesWrap(alicesWrap with { WrappedKey = Flipped(alicesWrap.WrappedKey, 5) }), alice));
        Assert.False(Opens(WithAlicesWrap(alicesWrap with { EphemeralPublicKey = Flipped(alicesWrap.EphemeralPublicKey, 1) }), alice));
        Assert.False(Opens(WithAlicesWrap(alicesWrap with { Nonce = Flipped(alicesWrap.Nonce, 7) }), alice));

        // Bob's wrap relabelled as Alice's: she cannot open it, and Bob cannot open a wrap made for another name.
        var bobsWrap = envelope.Wraps.Single(w => w.HolderId == bob.Id);
        Assert.False(Opens(WithAlicesWrap(bobsWrap with { HolderId = alice.Id }), alice));
        var relabelled = envelope with { Wraps = [.. envelope.Wraps.Select(w => w.HolderId == alice.Id ? w with { HolderId = "mallory" } : w)] };
        using var alicesKey = Unlock(alice);
        Assert.False(relabelled.TryOpen("mallory", alicesKey, RecordId, out _));

        // The untouched envelope still opens: it is the alteration that is refused.
        Assert.True(Opens(envelope, alice));
    }

    [Fact]
    public void An_added_custodian_opens_and_a_removed_one_no_longer_does()
    {
        var (alice, bob, _, envelope) = Sealed();
        var carol = NewHolder("carol");
        using var alicesKey = Unlock(alice);
        using var carolsKey = Unlock(carol);

        // Only someone who can open the identity can hand it on.
        Assert.Null(envelope.AddRecipient(carol.Id, carolsKey, RecordId, HolderKeys.Recipient(carol.Id, carol.Record)));
        Assert.Null(envelope.AddRecipient(alice.Id, alicesKey, OtherRecordId, HolderKeys.Recipient(carol.Id, carol.Record)));

        var withCarol = envelope.AddRecipient(alice.Id, alicesKey, RecordId, HolderKeys.Recipient(carol.Id, carol.Record));
        Assert.NotNull(withCarol);
        Assert.False(Opens(envelope, carol));
        Assert.True(Opens(withCarol, carol));

        var withoutBob = withCarol.RemoveRecipient(bob.Id);
        Assert.True(Opens(withCarol, bob));
        Assert.False(Opens(withoutBob, bob));
        Assert.True(Opens(withoutBob, alice));
        Assert.True(Opens(withoutBob, carol));
    }

    [Fact]
    public void A_stored_form_of_another_version_is_refused_without_quoting_it()
    {
        var (alice, _, _, envelope) = Sealed();

        Assert.Equal(envelope.Ciphertext, IdentityEnvelope.FromJson(envelope.ToJson()).Ciphertext);
        var future = Assert.Throws<FormatException>(() => IdentityEnvelope.FromJson((envelope with { Version = 2 }).ToJson()));
        Assert.DoesNotContain(Convert.ToBase64String(envelope.Ciphertext), future.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => IdentityEnvelope.FromJson("{\"version\":1,"));
        Assert.Throws<FormatException>(() => SealedHolderKey.FromJson((alice.Record with { Version = 2 }).ToJson()));
        Assert.Throws<FormatException>(() => SealedHolderKey.FromJson((alice.Record with { Salt = [1, 2, 3] }).ToJson()));
        Assert.Equal(alice.Record.SealedPrivateKey, SealedHolderKey.FromJson(alice.Record.ToJson()).SealedPrivateKey);
    }

    [Fact]
    public void A_recovery_key_is_refused_when_mistyped_and_never_printed()
    {
        var pair = RecoveryKey.Generate();
        var recipient = RecoveryKey.ParsePublic($"  {pair.PublicText}\n");
        Assert.StartsWith("recovery-", recipient.HolderId, StringComparison.Ordinal);

        var typo = pair.PublicText[..^3] + (pair.PublicText[^3] == 'A' ? 'B' : 'A') + pair.PublicText[^2..];
        Assert.Throws<FormatException>(() => RecoveryKey.ParsePublic(typo));
        Assert.Throws<FormatException>(() => RecoveryKey.ParsePublic(pair.PrivateText));
        Assert.False(RecoveryKey.TryParsePrivate(pair.PublicText, out _));
        Assert.True(RecoveryKey.TryParsePrivate(pair.PrivateText, out var key));
        key.Dispose();

        Assert.Contains(pair.PublicText, pair.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(pair.PrivateText, pair.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_copy_of_everything_the_server_stores_is_not_enough_to_read_an_identity()
    {
        var (alice, bob, recovery, sealedEnvelope) = Sealed();
        var indexKey = BlindIndex.NewKey();
        using var index = new BlindIndex(indexKey);

        // What the database and the data folder would hold: the envelope, every holder's record, the blind indexes, the
        // configured recovery public key, and (the worst case: a server that keeps it beside the data) the index key.
        var stored = new[]
        {
            sealedEnvelope.ToJson(), alice.Record.ToJson(), bob.Record.ToJson(), recovery.PublicText,
            Convert.ToBase64String(indexKey), index.OfIin(IinTests.WithCheckDigit("90010130012")) ?? "", index.OfName("Ахметов", "Бауыржан", new DateOnly(1990, 1, 1)) ?? "",
        };

        // From here on the test uses only the copy.
        var envelope = IdentityEnvelope.FromJson(stored[0]);
        var holders = new[] { (alice.Id, Record: SealedHolderKey.FromJson(stored[1])), (bob.Id, Record: SealedHolderKey.FromJson(stored[2])) };

        string[] guesses = ["", " ", "password", "123456", "12345678", "qwerty", "aigaq", "Aigaq2024", "admin", "alice", "bob", "correct horse battery"];
        foreach (var (_, record) in holders)
        {
            Assert.All(guesses, guess => Assert.False(HolderKeys.TryUnlock(record, guess, out _)));
        }

        // No 32 bytes anywhere in the copy is a key that opens a wrap or the identity itself.
        var fields = new List<byte[]> { envelope.Nonce, envelope.Ciphertext, envelope.KeyCommitment, indexKey, RecoveryKey.ParsePublic(stored[3]).PublicKey };
        fields.AddRange(envelope.Wraps.SelectMany(w => new[] { w.RecipientPublicKey, w.EphemeralPublicKey, w.Nonce, w.WrappedKey }));
        fields.AddRange(holders.SelectMany(h => new[] { h.Record.PublicKey, h.Record.Salt, h.Record.Nonce, h.Record.SealedPrivateKey }));
        fields.AddRange(stored.Select(Encoding.UTF8.GetBytes));
        var candidates = fields.SelectMany(f => Enumerable.Range(0, Math.Max(0, f.Length - 31)).Select(i => f.AsSpan(i, 32).ToArray())).ToList();
        Assert.NotEmpty(candidates);

        var content = AeadAlgorithm.XChaCha20Poly1305;
        var contentData = VaultBytes.Framed("aigaq/identity/v1", RecordId);
        foreach (var candidate in candidates)
        {
            using var asPrivate = Key.Import(KeyAgreementAlgorithm.X25519, candidate, KeyBlobFormat.RawPrivateKey);
            Assert.All(envelope.Wraps, w => Assert.False(envelope.TryOpen(w.HolderId, asPrivate, RecordId, out _)));

            using var asDataKey = Key.Import(content, candidate, KeyBlobFormat.RawSymmetricKey);
            Assert.False(content.Decrypt(asDataKey, envelope.Nonce, contentData, envelope.Ciphertext, new byte[envelope.Ciphertext.Length - content.TagSize]));
        }

        // Nothing of the identity is in the copy, neither in the text nor in any decoded field.
        string[] secrets = ["Ахметов", "Бауыржан", "900101300123", "77015550123"];
        var haystacks = fields.Concat(fields.Select(f => Encoding.UTF8.GetBytes(Convert.ToBase64String(f)))).ToList();
        foreach (var secret in secrets.Select(Encoding.UTF8.GetBytes).Append(Identity))
        {
            Assert.DoesNotContain(haystacks, h => h.AsSpan().IndexOf(secret) >= 0);
        }

        // The same copy with a custodian's password does open: what was missing is the password, not the data.
        Assert.True(HolderKeys.TryUnlock(holders[0].Record, alice.Password, out var key));
        using (key)
        {
            Assert.True(envelope.TryOpen(alice.Id, key, RecordId, out var plaintext));
            Assert.Equal(Identity, plaintext);
        }
    }

    [Theory]
    [InlineData("Бауржан")]
    [InlineData("Baurzhan")]
    [InlineData("BAUYRZHAN")]
    public void A_name_spelled_another_way_with_the_same_birth_date_has_the_same_index(string firstName)
    {
        using var index = new BlindIndex(BlindIndex.NewKey());
        var born = new DateOnly(1990, 1, 1);
        var registered = index.OfName("Ахметов", "Бауыржан", born);

        Assert.NotNull(registered);
        Assert.Equal(registered, index.OfName("Akhmetov", firstName, born));
        Assert.Equal(registered, index.OfName(firstName, "Akhmetov", born));
        Assert.NotEqual(registered, index.OfName("Akhmetov", firstName, born.AddDays(1)));
        Assert.NotEqual(registered, index.OfName("Омаров", firstName, born));
    }

    [Fact]
    public void A_name_index_needs_both_names_and_a_birth_date_and_depends_on_the_key()
    {
        var key = BlindIndex.NewKey();
        using var index = new BlindIndex(key);
        using var same = new BlindIndex(key);
        using var other = new BlindIndex(BlindIndex.NewKey());
        var born = new DateOnly(1990, 1, 1);

        Assert.Equal(index.OfName("Ахметов", "Бауыржан", born), same.OfName("Ахметов", "Бауыржан", born));
        Assert.NotEqual(index.OfName("Ахметов", "Бауыржан", born), other.OfName("Ахметов", "Бауыржан", born));
        Assert.Null(index.OfName("Ахметов", " ", born));
        Assert.Null(index.OfName(null, "Бауыржан", born));
        Assert.Null(index.OfName("Ахметов", "Бауыржан", null));
        Assert.Equal(43, index.OfName("Ахметов", "Бауыржан", born)!.Length);
    }

    [Fact]
    public void An_iin_index_ignores_spacing_refuses_an_invalid_number_and_depends_on_the_key()
    {
        var iin = IinTests.WithCheckDigit("90010130012");
        var key = BlindIndex.NewKey();
        using var index = new BlindIndex(key);
        using var other = new BlindIndex(BlindIndex.NewKey());

        var plain = index.OfIin(iin);
        Assert.NotNull(plain);
        Assert.Equal(43, plain.Length);
        Assert.Equal(plain, index.OfIin($" {iin[..6]} {iin[6..]} "));
        Assert.Equal(plain, index.OfIin($"{iin[..6]}-{iin[6..]}"));
        Assert.NotEqual(plain, other.OfIin(iin));
        Assert.NotEqual(plain, index.OfIin(IinTests.WithCheckDigit("90010130013")));
        Assert.Null(index.OfIin(IinTests.WithWrongCheckDigit("90010130012")));
        Assert.Null(index.OfIin(iin[..11]));
        Assert.Null(index.OfIin($"IIN {iin}"));
        Assert.Null(index.OfIin(null));
    }

    private static byte[] Flipped(byte[] bytes, int at)
    {
        var copy = bytes.ToArray();
        copy[at] ^= 0x01;
        return copy;
    }
}
