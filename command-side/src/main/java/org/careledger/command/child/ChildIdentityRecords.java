package org.careledger.command.child;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.careledger.kernel.child.ChildPersonalData;
import org.careledger.kernel.id.ChildRef;
import org.springframework.stereotype.Component;

/**
 * A child's identity record in the protected store ({@link PersonalDataVault}, ADR 0011): its JSON
 * form, written at registration and read back for the enrolment rules.
 */
@Component
class ChildIdentityRecords {

    /** The vault record that holds the identity. */
    static final String IDENTITY = "identity";

    private final PersonalDataVault vault;
    private final ObjectMapper json;

    ChildIdentityRecords(PersonalDataVault vault, ObjectMapper json) {
        this.vault = vault;
        this.json = json;
    }

    /** Stores the child's personal data, encrypted under the child's key. */
    void store(ChildRef child, ChildPersonalData data) throws JsonProcessingException {
        Map<String, Object> identity = new LinkedHashMap<>();
        identity.put("name", data.name());
        identity.put("citizenId", data.citizenId().value());
        identity.put("birthDate", data.birthDate().toString());
        identity.put("guardianName", data.guardianName());
        identity.put("guardianPhone", data.guardianPhone());
        vault.store(child, IDENTITY, json.writeValueAsString(identity).getBytes(StandardCharsets.UTF_8));
    }

    /** The birth date the identity holds; empty once erased, or if the record names none. */
    Optional<LocalDate> birthDate(ChildRef child) {
        return vault.read(child, IDENTITY).map(this::birthDate);
    }

    private LocalDate birthDate(byte[] identity) {
        try {
            JsonNode node = json.readTree(new String(identity, StandardCharsets.UTF_8)).get("birthDate");
            return node == null || node.isNull() ? null : LocalDate.parse(node.asText());
        } catch (Exception e) {
            throw new IllegalStateException("The child's protected record cannot be read", e);
        }
    }
}
