package org.careledger.command.child;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.Mac;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.careledger.kernel.child.CitizenId;
import org.careledger.kernel.id.ChildRef;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * The protected store of children's personal data (ADR 0011). Each child has its own AES-256 data
 * key, wrapped by the master key; each record is AES-GCM encrypted under the child's key with the
 * child reference and record name as associated data, so a ciphertext cannot be moved to another
 * child. Erasure destroys the wrapped key. All writes join the command's JDBC transaction.
 */
@Component
public class PersonalDataVault implements org.careledger.command.staff.StaffPersonalDataStore {

    static final int IV_BYTES = 12;
    static final int TAG_BITS = 128;

    private final JdbcTemplate jdbc;
    private final PrivacyKeys keys;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataVault(JdbcTemplate jdbc, PrivacyKeys keys) {
        this.jdbc = jdbc;
        this.keys = keys;
    }

    /** Creates the child's data key (if it has none) and stores an encrypted record under it. */
    public void store(ChildRef child, String record, byte[] plaintext) {
        storeFor(child.value(), record, plaintext);
    }

    /**
     * A staff member's personal data, under the staff member's own key like a child's
     * (subjects are UUIDs, so children and staff never share a key).
     */
    @Override
    public void store(org.careledger.kernel.id.StaffRef staff, org.careledger.kernel.staff.StaffPersonalData data) {
        String text = "{\"name\":" + quote(data.name()) + ",\"phone\":" + quote(data.phone()) + "}";
        storeFor(staff.value(), "identity", text.getBytes(StandardCharsets.UTF_8));
    }

    /** The decrypted record of a staff member; empty if erased or absent. */
    public Optional<byte[]> read(org.careledger.kernel.id.StaffRef staff, String record) {
        return readFor(staff.value(), record);
    }

    private static String quote(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            if (c == '"' || c == '\\') {
                b.append('\\').append(c);
            } else if (c < 0x20) {
                b.append(String.format("\\u%04x", (int) c));
            } else {
                b.append(c);
            }
        }
        return b.append('"').toString();
    }

    private void storeFor(String child, String record, byte[] plaintext) {
        SecretKey key = dataKey(child).orElseGet(() -> createKey(child));
        byte[] iv = new byte[IV_BYTES];
        random.nextBytes(iv);
        byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, key, iv, aad(child, record), plaintext);
        jdbc.update("INSERT INTO child_personal_data (child_ref, record, iv, ciphertext) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (child_ref, record) DO UPDATE SET iv = EXCLUDED.iv, ciphertext = EXCLUDED.ciphertext",
                child, record, iv, ciphertext);
    }

    /** The decrypted record; empty if the child's key was destroyed (erased) or there is no such record. */
    public Optional<byte[]> read(ChildRef child, String record) {
        return readFor(child.value(), record);
    }

    private Optional<byte[]> readFor(String child, String record) {
        Optional<SecretKey> key = dataKey(child);
        if (key.isEmpty()) {
            return Optional.empty();
        }
        List<byte[][]> rows = jdbc.query("SELECT iv, ciphertext FROM child_personal_data WHERE child_ref = ? AND record = ?",
                (rs, i) -> new byte[][] {rs.getBytes(1), rs.getBytes(2)}, child, record);
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(crypt(Cipher.DECRYPT_MODE, key.get(), rows.get(0)[0], aad(child, record), rows.get(0)[1]));
    }

    /** Whether the child's data key still exists. */
    public boolean readable(ChildRef child) {
        Integer n = jdbc.queryForObject("SELECT count(*) FROM child_key WHERE child_ref = ?", Integer.class, child.value());
        return n != null && n > 0;
    }

    /** Crypto-shredding: destroys the child's data key and its citizen-ID hash. */
    public void erase(ChildRef child) {
        jdbc.update("DELETE FROM child_key WHERE child_ref = ?", child.value());
        jdbc.update("DELETE FROM child_identity WHERE child_ref = ?", child.value());
    }

    /** Keyed hash of a citizen ID (hex HMAC-SHA256): compares children without the ID itself. */
    public String citizenIdHash(CitizenId id) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(keys.citizenIdHashKey(), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(id.value().getBytes(StandardCharsets.US_ASCII)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The child this institution already registered under this citizen ID, or claims the ID for a
     * new child of the institution. A child registered by another institution is never answered
     * (docs/domain.md, rule P4): each institution has its own reference for the same person.
     */
    public Optional<ChildRef> claimIdentity(CitizenId id, ChildRef newChild,
                                            org.careledger.kernel.id.InstitutionId institution) {
        String hash = citizenIdHash(id);
        int inserted = jdbc.update("INSERT INTO child_identity (citizen_hmac, child_ref, institution_id) VALUES (?, ?, ?) "
                + "ON CONFLICT DO NOTHING", hash, newChild.value(), institution.value());
        if (inserted == 1) {
            return Optional.empty();
        }
        return jdbc.queryForList("SELECT child_ref FROM child_identity WHERE citizen_hmac = ? AND institution_id = ?",
                String.class, hash, institution.value()).stream().findFirst().map(ChildRef::new);
    }

    /**
     * The person behind a child reference, as the keyed hash of its citizen ID: the same for the
     * references different institutions hold for one child. Empty once erased.
     */
    public Optional<String> personKey(ChildRef child) {
        return jdbc.queryForList("SELECT citizen_hmac FROM child_identity WHERE child_ref = ?", String.class,
                child.value()).stream().findFirst();
    }

    private Optional<SecretKey> dataKey(String child) {
        List<byte[]> wrapped = jdbc.query("SELECT wrapped_key FROM child_key WHERE child_ref = ?",
                (rs, i) -> rs.getBytes(1), child);
        if (wrapped.isEmpty()) {
            return Optional.empty();
        }
        byte[] blob = wrapped.get(0);
        byte[] iv = java.util.Arrays.copyOfRange(blob, 0, IV_BYTES);
        byte[] sealed = java.util.Arrays.copyOfRange(blob, IV_BYTES, blob.length);
        byte[] raw = crypt(Cipher.DECRYPT_MODE, masterKey(), iv, child.getBytes(StandardCharsets.US_ASCII), sealed);
        return Optional.of(new SecretKeySpec(raw, "AES"));
    }

    private SecretKey createKey(String child) {
        try {
            KeyGenerator generator = KeyGenerator.getInstance("AES");
            generator.init(256, random);
            SecretKey key = generator.generateKey();
            byte[] iv = new byte[IV_BYTES];
            random.nextBytes(iv);
            byte[] sealed = crypt(Cipher.ENCRYPT_MODE, masterKey(), iv, child.getBytes(StandardCharsets.US_ASCII),
                    key.getEncoded());
            byte[] blob = new byte[IV_BYTES + sealed.length];
            System.arraycopy(iv, 0, blob, 0, IV_BYTES);
            System.arraycopy(sealed, 0, blob, IV_BYTES, sealed.length);
            jdbc.update("INSERT INTO child_key (child_ref, wrapped_key, key_version) VALUES (?, ?, ?)",
                    child, blob, keys.masterKeyVersion());
            return key;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private SecretKey masterKey() {
        return new SecretKeySpec(keys.masterKey(), "AES");
    }

    private static byte[] aad(String child, String record) {
        return (child + "/" + record).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] crypt(int mode, SecretKey key, byte[] iv, byte[] aad, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, iv));
            cipher.updateAAD(aad);
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("personal-data encryption failed", e);
        }
    }
}
