package org.careledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The offline verifier on bundles built here from a small chain, without a server: a bundle as
 * exported verifies, and every single-byte change of it is caught.
 */
class OfflineBundleVerifierTest {

    private static final String INSTITUTION = "6f1c2d3e-4a5b-4c6d-8e7f-901a2b3c4d5e";
    private static final String OTHER = "0a1b2c3d-4e5f-4a6b-8c7d-8e9f0a1b2c3d";
    private static final String CHILD = "9e8d7c6b-5a4f-4e3d-8c2b-1a0f9e8d7c6b";

    /** Rows 1..7 of an event store: 2, 3, 5 and 6 are about the institution, 4 and 7 about another. */
    private static List<LedgerEventRow> rows() {
        return List.of(
                row(1, OTHER, 0, "FilingSubmitted", OTHER),
                row(2, INSTITUTION, 0, "FilingSubmitted", INSTITUTION),
                row(3, INSTITUTION, 1, "ClassOpened", INSTITUTION),
                row(4, OTHER, 1, "ClassOpened", OTHER),
                row(5, CHILD, 0, "ChildRegistered", INSTITUTION),
                row(6, INSTITUTION, 2, "FilingApproved", INSTITUTION),
                row(7, OTHER, 2, "FilingApproved", OTHER));
    }

    private static LedgerEventRow row(long index, String aggregate, long sequence, String type, String institution) {
        String meta = "{\"institutionId\":\"" + institution + "\",\"jurisdiction\":\"370830\",\"actorRole\":\"OPERATOR\"}";
        return new LedgerEventRow(index, "e" + index + "-0000-4000-8000-00000000000" + index, aggregate, sequence,
                aggregate.equals(CHILD) ? "Child" : "Institution", "org.careledger.kernel.filing." + type, "1",
                "2026-11-2" + index + "T08:00:00.125Z", ("{\"n\":" + index + ",\"name\":\"托育中心\"}").getBytes(StandardCharsets.UTF_8),
                meta.getBytes(StandardCharsets.UTF_8));
    }

    private record Chain(List<LedgerLink> links, LedgerRoot root) {
    }

    private static Chain chain(List<LedgerEventRow> rows) {
        List<LedgerLink> links = new ArrayList<>();
        byte[] previous = LedgerHashes.genesis();
        for (LedgerEventRow row : rows) {
            byte[] content = row.contentHash();
            byte[] link = LedgerHashes.link(previous, content);
            links.add(new LedgerLink(row.globalIndex(), row.eventIdentifier(), content, previous, link));
            previous = link;
        }
        return new Chain(links, LedgerRoot.of(3, rows.get(rows.size() - 1).globalIndex(), previous,
                Instant.parse("2026-11-28T00:00:00.250Z")));
    }

    /** The bundle the server writes for the institution: the window from row 2 to the root at row 7. */
    private static byte[] bundle(List<LedgerEventRow> rows, boolean openEvery) {
        Chain chain = chain(rows);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(EvidenceBundle.header(INSTITUTION, chain.root(), chain.links().get(1).previousLinkHash()));
        for (int i = 1; i < rows.size(); i++) {
            LedgerEventRow row = rows.get(i);
            boolean about = row.aggregateIdentifier().equals(INSTITUTION) || row.aggregateIdentifier().equals(CHILD);
            if (i > 1) {
                out.writeBytes(EvidenceBundle.SEPARATOR);
            }
            out.writeBytes(about || openEvery ? EvidenceBundle.eventEntry(row, chain.links().get(i))
                    : EvidenceBundle.hashEntry(chain.links().get(i).contentHash()));
        }
        out.writeBytes(EvidenceBundle.FOOTER);
        return out.toByteArray();
    }

    @Test
    void aBundleAsExportedVerifies() {
        String result = OfflineBundleVerifier.verify(bundle(rows(), false));
        assertThat(result).startsWith("VALID: 4 events of institution " + INSTITUTION + " in a chain of 6 links up to root 3");
    }

    @Test
    void everySingleByteChangeIsCaught() {
        byte[] original = bundle(rows(), false);
        assertThat(OfflineBundleVerifier.verify(original)).startsWith("VALID");
        List<String> missed = new ArrayList<>();
        for (int i = 0; i < original.length; i++) {
            for (byte replacement : Mutations.replacements(original[i])) {
                byte[] changed = original.clone();
                changed[i] = replacement;
                if (!OfflineBundleVerifier.verify(changed).startsWith("INVALID")) {
                    missed.add(i + ": '" + (char) original[i] + "' -> '" + (char) replacement + "'");
                }
            }
        }
        assertThat(missed).isEmpty();
    }

    @Test
    void hidingOneOfTheInstitutionsOwnEventsIsCaught() {
        // the server would have to give row 3 (the institution's sequence 1) as a bare hash
        List<LedgerEventRow> rows = rows();
        Chain chain = chain(rows);
        String bundle = new String(bundle(rows, false), StandardCharsets.UTF_8);
        String opened = new String(EvidenceBundle.eventEntry(rows.get(2), chain.links().get(2)), StandardCharsets.UTF_8);
        String hidden = bundle.replace(opened, new String(EvidenceBundle.hashEntry(chain.links().get(2).contentHash()),
                StandardCharsets.UTF_8));
        assertThat(hidden).isNotEqualTo(bundle);
        assertThat(OfflineBundleVerifier.verify(hidden.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("INVALID: the institution's event with sequence number 1 is missing before event "
                        + rows.get(5).eventIdentifier() + " (global index 6)");
    }

    @Test
    void anotherInstitutionsEventCannotBePassedOffAsThisOnes() {
        assertThat(OfflineBundleVerifier.verify(bundle(rows(), true)))
                .isEqualTo("INVALID: event " + rows().get(3).eventIdentifier() + " (global index 4) is not about institution "
                        + INSTITUTION);
    }

    @Test
    void aReformattedCopyIsRefusedBecauseOnlyTheExportedBytesAreEvidence() throws Exception {
        ObjectMapper json = new ObjectMapper();
        byte[] pretty = json.enable(SerializationFeature.INDENT_OUTPUT).writeValueAsBytes(json.readTree(bundle(rows(), false)));
        assertThat(OfflineBundleVerifier.verify(pretty)).startsWith("INVALID: the file is not exactly as exported");
    }

    @Test
    void withThePublishedRootsTheRootMustBeOneOfThem() {
        byte[] bundle = bundle(rows(), false);
        LedgerRoot root = chain(rows()).root();
        String page = "{\"items\":[{\"rootId\":4,\"lastGlobalIndex\":9,\"linkHash\":\"" + "ab".repeat(32)
                + "\",\"createdAt\":\"2026-11-29T00:00:00Z\",\"rootHash\":\"" + "cd".repeat(32) + "\"},"
                + "{\"rootId\":3,\"lastGlobalIndex\":7,\"linkHash\":\"" + root.linkHash() + "\",\"createdAt\":\""
                + root.createdAt() + "\",\"rootHash\":\"" + root.rootHash() + "\"}],\"page\":0,\"size\":20,\"total\":2}";
        assertThat(OfflineBundleVerifier.verify(bundle, page.getBytes(StandardCharsets.UTF_8)))
                .startsWith("VALID").endsWith("a published root");
        String other = page.replace("\"rootId\":3,", "\"rootId\":2,");
        assertThat(OfflineBundleVerifier.verify(bundle, other.getBytes(StandardCharsets.UTF_8)))
                .isEqualTo("INVALID: root 3 of the bundle is not among the published roots given");
    }

    @Test
    void theCommandLineChecksTheFileAgainstTheRootHashGiven(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bundle.json");
        Files.write(file, bundle(rows(), false));
        String rootHash = chain(rows()).root().rootHash();
        assertThat(commandLine(file.toString(), rootHash)).startsWith("0 VALID: 4 events");
        assertThat(commandLine(file.toString())).startsWith("0 VALID: 4 events").contains("compare the root hash");
        assertThat(commandLine(file.toString(), "0".repeat(64)))
                .isEqualTo("1 INVALID: the bundle's root hash is " + rootHash + ", not " + "0".repeat(64));
        byte[] tampered = bundle(rows(), false);
        int at = new String(tampered, StandardCharsets.UTF_8).indexOf("\"sequenceNumber\":1") + "\"sequenceNumber\":".length();
        tampered[at] = '2';
        Files.write(file, tampered);
        assertThat(commandLine(file.toString(), rootHash)).startsWith("1 INVALID: ");
        assertThat(commandLine()).isEqualTo("2 ");
        assertThat(commandLine(dir.resolve("missing.json").toString())).isEqualTo("2 ");
    }

    /** The exit status and what the command printed on standard output. */
    private static String commandLine(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = OfflineBundleVerifier.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        return status + " " + out.toString(StandardCharsets.UTF_8).strip();
    }
}
