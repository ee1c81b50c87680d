namespace Aigaq.Ledger;

/// <summary>Signed-note signature types (the type byte of c2sp.org/signed-note key IDs) supported by this library.</summary>
public enum NoteKeyType : byte
{
    /// <summary>Plain Ed25519 note signatures over the note text (c2sp.org/signed-note, type 0x01). Used by logs.</summary>
    Ed25519 = 0x01,

    /// <summary>Timestamped Ed25519 witness cosignatures (c2sp.org/tlog-cosignature, cosignature/v1, type 0x04).</summary>
    Cosignature = 0x04,
}
