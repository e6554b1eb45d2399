package org.careledger.ledger;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The hash functions of the ledger (docs/ledger.md): SHA-256 everywhere, links
 * {@code SHA-256(previous link hash || content hash)} starting from 32 zero bytes, and the
 * length-prefixed field encoding the canonical forms are built from. Pure functions, no I/O: the
 * offline bundle verifier uses them too.
 */
public final class LedgerHashes {

    /** Length in bytes of every hash. */
    public static final int HASH_LENGTH = 32;
    /** The previous link hash of the very first link. */
    private static final byte[] GENESIS = new byte[HASH_LENGTH];
    private static final Pattern HEX_HASH = Pattern.compile("[0-9a-f]{64}");
    private static final HexFormat HEX = HexFormat.of();

    private LedgerHashes() {
    }

    public static byte[] genesis() {
        return GENESIS.clone();
    }

    public static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    /** The hash of a link: SHA-256 over the 32 bytes of the previous link hash, then the 32 of the content hash. */
    public static byte[] link(byte[] previousLinkHash, byte[] contentHash) {
        requireHash(previousLinkHash);
        requireHash(contentHash);
        byte[] both = new byte[2 * HASH_LENGTH];
        System.arraycopy(previousLinkHash, 0, both, 0, HASH_LENGTH);
        System.arraycopy(contentHash, 0, both, HASH_LENGTH, HASH_LENGTH);
        return sha256(both);
    }

    /** Lower-case hex, the only form hashes take in JSON. */
    public static String hex(byte[] hash) {
        return HEX.formatHex(hash);
    }

    /** Parses a hash written as exactly 64 lower-case hex digits; anything else is refused. */
    public static byte[] parseHex(String hex) {
        if (hex == null || !HEX_HASH.matcher(hex).matches()) {
            throw new IllegalArgumentException("a hash is 64 lower-case hex digits");
        }
        return HEX.parseHex(hex);
    }

    static void requireHash(byte[] hash) {
        if (hash == null || hash.length != HASH_LENGTH) {
            throw new IllegalArgumentException("a hash has 32 bytes");
        }
    }

    /** Builds a canonical form from length-prefixed fields (docs/ledger.md, "Canonical form"). */
    static final class Canonical {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

        /** A variable-length field: its length as 4 bytes big-endian, then the bytes; null is length 0xFFFFFFFF and no bytes. */
        Canonical bytes(byte[] value) {
            if (value == null) {
                int32(-1);
            } else {
                int32(value.length);
                out.writeBytes(value);
            }
            return this;
        }

        /** A text field: its UTF-8 bytes as a variable-length field. */
        Canonical text(String value) {
            return bytes(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
        }

        /** A number: 8 bytes, big-endian two's complement. */
        Canonical int64(long value) {
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) (value >>> shift) & 0xFF);
            }
            return this;
        }

        private void int32(int value) {
            for (int shift = 24; shift >= 0; shift -= 8) {
                out.write((value >>> shift) & 0xFF);
            }
        }

        byte[] toByteArray() {
            return out.toByteArray();
        }
    }
}
