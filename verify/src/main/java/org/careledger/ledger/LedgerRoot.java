package org.careledger.ledger;

import java.time.Instant;

/**
 * A published root: the chain's link hash at a global index, with its number and the time it was
 * recorded. {@code rootHash} is SHA-256 over the canonical form
 * <pre>
 *   text  "careledger-ledger-root/1"
 *   int64 root_id
 *   int64 last_global_index
 *   bytes link_hash            (32 bytes)
 *   text  created_at           (ISO-8601, as written here)
 * </pre>
 * so one value commits to all four; it is the value to archive or publish elsewhere.
 * Hashes are lower-case hex; {@code createdAt} is {@link Instant#toString()} of a whole millisecond.
 */
public record LedgerRoot(long rootId, long lastGlobalIndex, String linkHash, String createdAt, String rootHash) {

    public static final String FORMAT = "careledger-ledger-root/1";

    public static LedgerRoot of(long rootId, long lastGlobalIndex, byte[] linkHash, Instant createdAt) {
        String created = createdAt.toString();
        return new LedgerRoot(rootId, lastGlobalIndex, LedgerHashes.hex(linkHash), created,
                LedgerHashes.hex(hash(rootId, lastGlobalIndex, linkHash, created)));
    }

    /** The root hash of these fields, {@code createdAt} taken as the exact text given. */
    public static byte[] hash(long rootId, long lastGlobalIndex, byte[] linkHash, String createdAt) {
        LedgerHashes.requireHash(linkHash);
        return LedgerHashes.sha256(new LedgerHashes.Canonical()
                .text(FORMAT)
                .int64(rootId)
                .int64(lastGlobalIndex)
                .bytes(linkHash)
                .text(createdAt)
                .toByteArray());
    }

    /** Whether {@code rootHash} is the hash of the other fields. */
    public boolean hashMatches() {
        try {
            return rootHash.equals(LedgerHashes.hex(hash(rootId, lastGlobalIndex, LedgerHashes.parseHex(linkHash), createdAt)));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
