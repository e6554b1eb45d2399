package org.careledger.ledger;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Checks an institution's evidence bundle without the server (docs/ledger.md): the answer of
 * {@code GET /api/v1/inspector/institutions/{id}/export}, saved as it came, and optionally the root
 * hash the auditor holds from elsewhere, or the saved answer of {@code GET /api/v1/public/ledger/roots},
 * to compare the bundle's root with.
 *
 * <pre>
 *   java -jar careledger-verify.jar bundle.json [root-hash | roots.json]
 * </pre>
 * Prints {@code VALID: …} and exits 0, or {@code INVALID: reason} and exits 1.
 *
 * <p>It recomputes every opened event's content hash from its fields, walks the chain from the
 * bundle's previous link hash through every entry, and requires the result to be the root's link
 * hash; it recomputes the root hash, checks every event is about the institution and that the
 * institution's own events have no hole in their sequence numbers. The file must be exactly as
 * exported (compact JSON, lower-case hex, canonical base64), so that every byte of it is checked.
 */
public final class OfflineBundleVerifier {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private static final Pattern ROOT_HASH = Pattern.compile("[0-9a-f]{64}");

    private static final Set<String> BUNDLE_FIELDS = Set.of("format", "institutionId", "root", "previousLinkHash", "chain");
    private static final Set<String> ROOT_FIELDS = Set.of("rootId", "lastGlobalIndex", "linkHash", "createdAt", "rootHash");
    private static final Set<String> ENTRY_FIELDS = Set.of("event", "link");
    private static final Set<String> EVENT_FIELDS = Set.of("globalIndex", "eventIdentifier", "aggregateIdentifier",
            "sequenceNumber", "type", "payloadType", "payloadRevision", "timeStamp", "payload", "metaData");
    private static final Set<String> LINK_FIELDS = Set.of("globalIndex", "eventIdentifier", "contentHash",
            "previousLinkHash", "linkHash");

    private OfflineBundleVerifier() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * The command line: prints the verdict and answers the exit status (0 valid, 1 invalid, 2 a
     * wrong call or an unreadable file).
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length < 1 || args.length > 2) {
            err.println("usage: java -jar careledger-verify.jar <bundle.json> [<root hash> | <roots.json>]");
            return 2;
        }
        String result;
        try {
            byte[] bundle = Files.readAllBytes(Path.of(args[0]));
            if (args.length == 1) {
                result = verify(bundle);
            } else if (ROOT_HASH.matcher(args[1]).matches()) {
                result = verifyAgainst(bundle, args[1]);
            } else {
                result = verify(bundle, Files.readAllBytes(Path.of(args[1])));
            }
        } catch (IOException e) {
            err.println("cannot read " + e.getMessage());
            return 2;
        }
        out.println(result);
        return result.startsWith("VALID") ? 0 : 1;
    }

    /** @return "VALID: …" or "INVALID: reason" */
    public static String verify(byte[] bundle) {
        try {
            return check(bundle).describe(false);
        } catch (Invalid e) {
            return "INVALID: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "INVALID: not a readable bundle (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** As {@link #verify(byte[])}, and the bundle's root must be one of the published roots given. */
    public static String verify(byte[] bundle, byte[] publishedRoots) {
        try {
            Verified verified = check(bundle);
            JsonNode published = JSON.readTree(publishedRoots);
            JsonNode list = published.has("items") ? published.get("items") : published;
            Iterator<JsonNode> roots = list.isArray() ? list.elements() : List.of(list).iterator();
            while (roots.hasNext()) {
                JsonNode root = roots.next();
                if (ROOT_FIELDS.stream().allMatch(f -> root.has(f) && root.get(f).asText().equals(verified.root().get(f).asText()))) {
                    return verified.describe(true);
                }
            }
            return "INVALID: root " + verified.root().get("rootId").asText() + " of the bundle is not among the published roots given";
        } catch (Invalid e) {
            return "INVALID: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "INVALID: not a readable bundle or roots file (" + e.getClass().getSimpleName() + ")";
        }
    }

    /** As {@link #verify(byte[])}, and the bundle's root hash must be the one given (lower-case hex). */
    public static String verifyAgainst(byte[] bundle, String rootHash) {
        try {
            Verified verified = check(bundle);
            if (verified.root().get("rootHash").asText().equals(rootHash)) {
                return verified.describe(true);
            }
            return "INVALID: the bundle's root hash is " + verified.root().get("rootHash").asText() + ", not " + rootHash;
        } catch (Invalid e) {
            return "INVALID: " + e.getMessage();
        } catch (IOException | RuntimeException e) {
            return "INVALID: not a readable bundle (" + e.getClass().getSimpleName() + ")";
        }
    }

    private record Verified(String institutionId, JsonNode root, int events, int links) {
        String describe(boolean published) {
            return "VALID: " + events + " events of institution " + institutionId + " in a chain of " + links
                    + " links up to root " + root.get("rootId").asLong() + " (global index " + root.get("lastGlobalIndex").asLong()
                    + ", root hash " + root.get("rootHash").asText() + ")"
                    + (published ? ", a published root" : "; compare the root hash with the published roots");
        }
    }

    private static Verified check(byte[] bytes) throws IOException {
        JsonNode bundle = JSON.readTree(bytes);
        if (bundle == null || !Arrays.equals(JSON.writeValueAsBytes(bundle), bytes)) {
            throw new Invalid("the file is not exactly as exported (compact JSON, nothing added or reformatted)");
        }
        fields(bundle, BUNDLE_FIELDS, "the bundle");
        if (!EvidenceBundle.FORMAT.equals(text(bundle, "format"))) {
            throw new Invalid("unknown format " + bundle.get("format"));
        }
        String institutionId = text(bundle, "institutionId");

        JsonNode root = bundle.get("root");
        fields(root, ROOT_FIELDS, "the root");
        long rootId = number(root, "rootId");
        long rootIndex = number(root, "lastGlobalIndex");
        byte[] rootLinkHash = hash(root, "linkHash");
        String createdAt = text(root, "createdAt");
        if (!Arrays.equals(LedgerRoot.hash(rootId, rootIndex, rootLinkHash, createdAt), hash(root, "rootHash"))) {
            throw new Invalid("the root hash does not match the root's fields");
        }

        JsonNode chain = bundle.get("chain");
        if (chain == null || !chain.isArray() || chain.isEmpty() || !chain.get(0).isObject()) {
            throw new Invalid("the chain must start with one of the institution's events");
        }
        byte[] previous = hash(bundle, "previousLinkHash");
        long lastEventIndex = Long.MIN_VALUE;
        long nextOwnSequence = 0;
        int events = 0;
        for (int i = 0; i < chain.size(); i++) {
            JsonNode entry = chain.get(i);
            if (entry.isTextual()) {
                previous = LedgerHashes.link(previous, parseHash(entry.asText(), "chain entry " + i));
                continue;
            }
            fields(entry, ENTRY_FIELDS, "chain entry " + i);
            LedgerEventRow row = event(entry.get("event"), "chain entry " + i);
            String name = "event " + row.eventIdentifier() + " (global index " + row.globalIndex() + ")";
            if (row.globalIndex() <= lastEventIndex || row.globalIndex() > rootIndex) {
                throw new Invalid(name + " is out of order or after the root");
            }
            lastEventIndex = row.globalIndex();
            if (!aboutInstitution(row, institutionId)) {
                throw new Invalid(name + " is not about institution " + institutionId);
            }
            if (row.aggregateIdentifier().equals(institutionId)) {
                if (row.sequenceNumber() != nextOwnSequence) {
                    throw new Invalid("the institution's event with sequence number " + nextOwnSequence + " is missing before " + name);
                }
                nextOwnSequence++;
            }
            JsonNode link = entry.get("link");
            fields(link, LINK_FIELDS, name + ": its link");
            byte[] content = row.contentHash();
            if (number(link, "globalIndex") != row.globalIndex() || !row.eventIdentifier().equals(text(link, "eventIdentifier"))) {
                throw new Invalid(name + ": its link names another event");
            }
            if (!Arrays.equals(content, hash(link, "contentHash"))) {
                throw new Invalid(name + ": its content does not match the content hash of its link");
            }
            if (!Arrays.equals(previous, hash(link, "previousLinkHash"))) {
                throw new Invalid(name + ": its link does not follow the chain before it");
            }
            previous = LedgerHashes.link(previous, content);
            if (!Arrays.equals(previous, hash(link, "linkHash"))) {
                throw new Invalid(name + ": its link hash is wrong");
            }
            events++;
        }
        if (!Arrays.equals(previous, rootLinkHash)) {
            throw new Invalid("the chain does not lead to the root's link hash");
        }
        return new Verified(institutionId, root, events, chain.size());
    }

    private static LedgerEventRow event(JsonNode event, String where) {
        fields(event, EVENT_FIELDS, where + ": its event");
        return new LedgerEventRow(number(event, "globalIndex"), text(event, "eventIdentifier"),
                text(event, "aggregateIdentifier"), number(event, "sequenceNumber"), nullableText(event, "type"),
                text(event, "payloadType"), nullableText(event, "payloadRevision"), text(event, "timeStamp"),
                base64(event, "payload", false), base64(event, "metaData", true));
    }

    /** The event's aggregate is the institution, or its metadata names the institution. */
    private static boolean aboutInstitution(LedgerEventRow row, String institutionId) {
        if (row.aggregateIdentifier().equals(institutionId)) {
            return true;
        }
        if (row.metaData() == null) {
            return false;
        }
        try {
            JsonNode id = new ObjectMapper().readTree(row.metaData()).get("institutionId");
            return id != null && id.isTextual() && id.asText().equals(institutionId);
        } catch (IOException e) {
            return false;
        }
    }

    private static void fields(JsonNode node, Set<String> expected, String what) {
        if (node == null || !node.isObject()) {
            throw new Invalid(what + " must be an object");
        }
        Set<String> present = new TreeSet<>();
        node.fieldNames().forEachRemaining(present::add);
        if (!present.equals(expected)) {
            List<String> missing = new ArrayList<>(expected);
            missing.removeAll(present);
            present.removeAll(expected);
            throw new Invalid(what + " has unknown fields " + present + " or lacks " + missing);
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual()) {
            throw new Invalid(field + " must be text");
        }
        return value.asText();
    }

    private static String nullableText(JsonNode node, String field) {
        return node.get(field).isNull() ? null : text(node, field);
    }

    private static long number(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isIntegralNumber() || !value.canConvertToLong()) {
            throw new Invalid(field + " must be a whole number");
        }
        return value.asLong();
    }

    private static byte[] hash(JsonNode node, String field) {
        return parseHash(text(node, field), field);
    }

    private static byte[] parseHash(String hex, String what) {
        try {
            return LedgerHashes.parseHex(hex);
        } catch (IllegalArgumentException e) {
            throw new Invalid(what + " is not a hash of 64 lower-case hex digits");
        }
    }

    private static byte[] base64(JsonNode node, String field, boolean nullable) {
        if (nullable && node.get(field).isNull()) {
            return null;
        }
        String text = text(node, field);
        try {
            byte[] bytes = Base64.getDecoder().decode(text);
            if (!Base64.getEncoder().encodeToString(bytes).equals(text)) {
                throw new Invalid(field + " is not in canonical base64");
            }
            return bytes;
        } catch (IllegalArgumentException e) {
            throw new Invalid(field + " is not base64");
        }
    }

    /** A reason the bundle does not verify. */
    private static final class Invalid extends RuntimeException {
        Invalid(String reason) {
            super(reason, null, false, false);
        }
    }
}
