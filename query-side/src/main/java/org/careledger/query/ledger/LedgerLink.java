package org.careledger.query.ledger;

import org.springframework.jdbc.core.RowMapper;

/**
 * A stored link of the chain: the event it chains, that event's content hash, the previous link's
 * hash and its own, {@code SHA-256(previousLinkHash || contentHash)}.
 */
public record LedgerLink(long globalIndex, String eventIdentifier, byte[] contentHash, byte[] previousLinkHash,
                         byte[] linkHash) {

    /** The columns {@link #MAPPER} reads. */
    public static final String COLUMNS = "global_index, event_identifier, content_hash, previous_link_hash, link_hash";

    public static final RowMapper<LedgerLink> MAPPER = (rs, i) -> new LedgerLink(rs.getLong("global_index"),
            rs.getString("event_identifier"), rs.getBytes("content_hash"), rs.getBytes("previous_link_hash"),
            rs.getBytes("link_hash"));

    @Override
    public String toString() {
        return "LedgerLink[" + globalIndex + ", " + eventIdentifier + ", " + LedgerHashes.hex(linkHash) + "]";
    }
}
