package org.careledger.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import org.junit.jupiter.api.Test;

/**
 * The canonical forms and hashes of docs/ledger.md. The expected values were computed from the
 * written specification with another implementation (the worked example in docs/ledger.md), so
 * the code and the document cannot drift apart.
 */
class LedgerHashingTest {

    static LedgerEventRow example() {
        return new LedgerEventRow(42, "0d6b1f0e-5c1a-4c41-9d7e-3b0f8a7c2e11", "8f14e45f-ceea-467f-a0e6-1b8e9b5c3d21", 3,
                "Institution", "org.careledger.kernel.filing.FilingSuspended", "1", "2026-11-25T13:00:00.123Z",
                "{\"reason\":\"x\"}".getBytes(StandardCharsets.UTF_8), null);
    }

    @Test
    void theWorkedExampleHasTheDocumentedCanonicalFormAndContentHash() {
        assertThat(LedgerHashes.hex(example().canonicalBytes())).isEqualTo(
                "00000019636172656c65646765722d6c65646765722d6576656e742f31000000000000002a0000002430643662316630652d"
                + "356331612d346334312d396437652d3362306638613763326531310000002438663134653435662d636565612d343637662d"
                + "613065362d31623865396235633364323100000000000000030000000b496e737469747574696f6e0000002c6f72672e6361"
                + "72656c65646765722e6b65726e656c2e66696c696e672e46696c696e6753757370656e646564000000013100000018323032"
                + "362d31312d32355431333a30303a30302e3132335a0000000e7b22726561736f6e223a2278227dffffffff");
        assertThat(LedgerHashes.hex(example().contentHash()))
                .isEqualTo("194036c127ecd0d91fa4bb1c1d7a55997ce36ee0bfe4a565c74b93da9e641656");
    }

    @Test
    void theFirstLinkFollowsThirtyTwoZeroBytes() {
        assertThat(LedgerHashes.hex(LedgerHashes.link(LedgerHashes.genesis(), example().contentHash())))
                .isEqualTo("2e30f5f6e7ae831c546e09864cf409c5df42a5bb2aa6b7f8538bf67631fdcd52");
    }

    @Test
    void aRootHashCommitsToItsIdPositionLinkHashAndTime() {
        byte[] link = LedgerHashes.parseHex("2e30f5f6e7ae831c546e09864cf409c5df42a5bb2aa6b7f8538bf67631fdcd52");
        LedgerRoot root = LedgerRoot.of(1, 42, link, Instant.parse("2026-11-25T13:01:00Z"));
        assertThat(root.createdAt()).isEqualTo("2026-11-25T13:01:00Z");
        assertThat(root.rootHash()).isEqualTo("0cbaedc03932a06a4ce6a1b26453e4cb00690e1e94ce8657b4ec76debf7dd96d");
        assertThat(root.hashMatches()).isTrue();
        assertThat(new LedgerRoot(2, 42, root.linkHash(), root.createdAt(), root.rootHash()).hashMatches()).isFalse();
        assertThat(new LedgerRoot(1, 42, root.linkHash(), "2026-11-25T13:01:00.000Z", root.rootHash()).hashMatches()).isFalse();
    }

    @Test
    void lengthPrefixesKeepFieldBoundariesApart() {
        // the same characters split differently between two fields must not hash alike
        LedgerEventRow a = new LedgerEventRow(1, "ab", "c", 0, null, "T", null, "t", new byte[0], null);
        LedgerEventRow b = new LedgerEventRow(1, "a", "bc", 0, null, "T", null, "t", new byte[0], null);
        assertThat(a.contentHash()).isNotEqualTo(b.contentHash());
    }

    @Test
    void aMissingValueIsNotAnEmptyOne() {
        LedgerEventRow withNull = new LedgerEventRow(1, "e", "a", 0, null, "T", null, "t", new byte[0], null);
        LedgerEventRow withEmpty = new LedgerEventRow(1, "e", "a", 0, null, "T", null, "t", new byte[0], new byte[0]);
        assertThat(withNull.contentHash()).isNotEqualTo(withEmpty.contentHash());
    }

    @Test
    void thePositionIsPartOfTheContent() {
        LedgerEventRow moved = new LedgerEventRow(43, example().eventIdentifier(), example().aggregateIdentifier(), 3,
                "Institution", example().payloadType(), "1", example().timeStamp(), example().payload(), null);
        assertThat(moved.contentHash()).isNotEqualTo(example().contentHash());
    }

    @Test
    void hashesAreReadOnlyAsSixtyFourLowerCaseHexDigits() {
        String hex = "194036c127ecd0d91fa4bb1c1d7a55997ce36ee0bfe4a565c74b93da9e641656";
        assertThat(LedgerHashes.hex(LedgerHashes.parseHex(hex))).isEqualTo(hex);
        assertThatThrownBy(() -> LedgerHashes.parseHex(hex.toUpperCase())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerHashes.parseHex(hex.substring(2))).isInstanceOf(IllegalArgumentException.class);
    }
}
