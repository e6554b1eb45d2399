package org.careledger.ledger;

/**
 * One row of Axon's event table {@code domain_event_entry}, exactly as stored: the ledger hashes
 * these columns, not the deserialised event, so any change to a stored row shows.
 *
 * <p>Canonical form (docs/ledger.md), the input of the content hash, in this order:
 * <pre>
 *   text  "careledger-ledger-event/1"
 *   int64 global_index
 *   text  event_identifier
 *   text  aggregate_identifier
 *   int64 sequence_number
 *   text  type                 (may be null)
 *   text  payload_type
 *   text  payload_revision     (may be null)
 *   text  time_stamp           (the stored text, as it is)
 *   bytes payload
 *   bytes meta_data            (may be null)
 * </pre>
 * where {@code int64} is 8 bytes big-endian, {@code bytes} is a 4-byte big-endian length then the
 * bytes (null: length 0xFFFFFFFF, no bytes), and {@code text} is {@code bytes} of the UTF-8 encoding.
 */
public record LedgerEventRow(long globalIndex, String eventIdentifier, String aggregateIdentifier, long sequenceNumber,
                             String type, String payloadType, String payloadRevision, String timeStamp,
                             byte[] payload, byte[] metaData) {

    /** Version tag at the start of every canonical event. */
    public static final String FORMAT = "careledger-ledger-event/1";

    public byte[] canonicalBytes() {
        return new LedgerHashes.Canonical()
                .text(FORMAT)
                .int64(globalIndex)
                .text(eventIdentifier)
                .text(aggregateIdentifier)
                .int64(sequenceNumber)
                .text(type)
                .text(payloadType)
                .text(payloadRevision)
                .text(timeStamp)
                .bytes(payload)
                .bytes(metaData)
                .toByteArray();
    }

    /** SHA-256 of the canonical form. */
    public byte[] contentHash() {
        return LedgerHashes.sha256(canonicalBytes());
    }

    @Override
    public String toString() {
        // payload and metadata stay out of logs
        return "LedgerEventRow[" + globalIndex + ", " + eventIdentifier + ", " + payloadType + "]";
    }
}
