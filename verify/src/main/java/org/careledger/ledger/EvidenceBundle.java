package org.careledger.ledger;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON of an evidence bundle (docs/ledger.md, "Evidence bundle"), written piece by piece so it
 * can be streamed: {@link #header}, then the chain entries separated by commas, then
 * {@link #FOOTER}. The result is compact JSON (no whitespace) in exactly the form Jackson writes
 * it, which the offline verifier requires byte for byte.
 * <pre>
 * {"format":"careledger-evidence-bundle/1","institutionId":"…",
 *  "root":{"rootId":…,"lastGlobalIndex":…,"linkHash":"…","createdAt":"…","rootHash":"…"},
 *  "previousLinkHash":"…",
 *  "chain":[{"event":{…},"link":{…}},"&lt;content hash of another event&gt;",…]}
 * </pre>
 */
public final class EvidenceBundle {

    public static final String FORMAT = "careledger-evidence-bundle/1";
    public static final byte[] FOOTER = "]}".getBytes(StandardCharsets.US_ASCII);
    public static final byte[] SEPARATOR = ",".getBytes(StandardCharsets.US_ASCII);

    private static final ObjectMapper JSON = new ObjectMapper();

    private EvidenceBundle() {
    }

    /** Everything up to and including the opening bracket of {@code chain}. */
    public static byte[] header(String institutionId, LedgerRoot root, byte[] previousLinkHash) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            // not closed: closing would write the missing closing brackets
            JsonGenerator g = JSON.getFactory().createGenerator(out);
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeStringField("institutionId", institutionId);
            g.writeObjectFieldStart("root");
            g.writeNumberField("rootId", root.rootId());
            g.writeNumberField("lastGlobalIndex", root.lastGlobalIndex());
            g.writeStringField("linkHash", root.linkHash());
            g.writeStringField("createdAt", root.createdAt());
            g.writeStringField("rootHash", root.rootHash());
            g.writeEndObject();
            g.writeStringField("previousLinkHash", LedgerHashes.hex(previousLinkHash));
            g.writeArrayFieldStart("chain");
            g.flush();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chain entry that opens the event: the stored row and its stored link. */
    public static byte[] eventEntry(LedgerEventRow row, LedgerLink stored) {
        ObjectNode entry = JSON.createObjectNode();
        ObjectNode event = entry.putObject("event");
        event.put("globalIndex", row.globalIndex());
        event.put("eventIdentifier", row.eventIdentifier());
        event.put("aggregateIdentifier", row.aggregateIdentifier());
        event.put("sequenceNumber", row.sequenceNumber());
        event.put("type", row.type());
        event.put("payloadType", row.payloadType());
        event.put("payloadRevision", row.payloadRevision());
        event.put("timeStamp", row.timeStamp());
        event.put("payload", row.payload() == null ? null : Base64.getEncoder().encodeToString(row.payload()));
        event.put("metaData", row.metaData() == null ? null : Base64.getEncoder().encodeToString(row.metaData()));
        ObjectNode link = entry.putObject("link");
        link.put("globalIndex", stored.globalIndex());
        link.put("eventIdentifier", stored.eventIdentifier());
        link.put("contentHash", LedgerHashes.hex(stored.contentHash()));
        link.put("previousLinkHash", LedgerHashes.hex(stored.previousLinkHash()));
        link.put("linkHash", LedgerHashes.hex(stored.linkHash()));
        return write(entry);
    }

    /** A chain entry for another event: only its content hash. */
    public static byte[] hashEntry(byte[] contentHash) {
        return write(JSON.getNodeFactory().textNode(LedgerHashes.hex(contentHash)));
    }

    private static byte[] write(Object node) {
        try {
            return JSON.writeValueAsBytes(node);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
