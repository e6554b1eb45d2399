package org.careledger.ledger;

/**
 * A stored link of the chain: the event it chains, that event's content hash, the previous link's
 * hash and its own, {@code SHA-256(previousLinkHash || contentHash)}.
 */
public record LedgerLink(long globalIndex, String eventIdentifier, byte[] contentHash, byte[] previousLinkHash,
                         byte[] linkHash) {

    @Override
    public String toString() {
        return "LedgerLink[" + globalIndex + ", " + eventIdentifier + ", " + LedgerHashes.hex(linkHash) + "]";
    }
}
