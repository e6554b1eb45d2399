package org.careledger.kernel.id;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.LinkedHashMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.careledger.kernel.child.ChildPersonalDataErased;
import org.careledger.kernel.enrolment.EnrolmentEnded;
import org.careledger.kernel.error.DomainException;
import org.careledger.kernel.filing.ClassOpened;
import org.careledger.kernel.staff.StaffMemberLeft;
import org.careledger.kernel.value.CreditCode;
import org.careledger.kernel.value.DivisionCode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The typed ids keep the JSON form events were stored with: a bare string, as property and as map key.
 * Each payload below is JSON as the event store holds it (written by the version before the ids shared
 * {@link UuidId}); it must read and write back byte for byte, with the application's Jackson settings
 * that matter here (no timestamps, non-null inclusion).
 */
class StoredIdJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private static final String INSTITUTION = "0b6f6c5e-2a4d-4c1e-9d7a-1f2e3d4c5b6a";
    private static final String CLASS = "1c7a7d6f-3b5e-4d2f-8e8b-2a3f4e5d6c7b";
    private static final String ENROLMENT = "2d8b8e7a-4c6f-4e3a-9f9c-3b4a5f6e7d8c";
    private static final String CHILD = "3e9c9f8b-5d7a-4f4b-8a0d-4c5b6a7f8e9d";
    private static final String STAFF = "4f0d0a9c-6e8b-4a5c-9b1e-5d6c7b8a9f0e";

    @Test
    void classOpenedKeepsInstitutionAndClassIdsAsStrings() throws Exception {
        String stored = "{\"institutionId\":\"" + INSTITUTION + "\",\"classId\":\"" + CLASS
                + "\",\"name\":\"小一班\",\"classType\":\"YOUNG_TODDLER\",\"places\":15,\"occurredAt\":\"2026-03-01T08:00:00Z\"}";
        ClassOpened event = JSON.readValue(stored, ClassOpened.class);
        assertThat(event.institutionId()).isEqualTo(new InstitutionId(INSTITUTION));
        assertThat(event.classId()).isEqualTo(new ClassId(CLASS));
        assertThat(JSON.writeValueAsString(event)).isEqualTo(stored);
    }

    @Test
    void enrolmentEndedKeepsEnrolmentIdAndChildRefAsStrings() throws Exception {
        String stored = "{\"institutionId\":\"" + INSTITUTION + "\",\"enrolmentId\":\"" + ENROLMENT + "\",\"childRef\":\""
                + CHILD + "\",\"classId\":\"" + CLASS + "\",\"reason\":\"CONTRACT_ENDED\",\"endsOn\":\"2026-08-31\","
                + "\"occurredAt\":\"2026-08-31T16:00:00Z\"}";
        EnrolmentEnded event = JSON.readValue(stored, EnrolmentEnded.class);
        assertThat(event.enrolmentId()).isEqualTo(new EnrolmentId(ENROLMENT));
        assertThat(event.childRef()).isEqualTo(new ChildRef(CHILD));
        assertThat(JSON.writeValueAsString(event)).isEqualTo(stored);
    }

    @Test
    void staffMemberLeftKeepsTheStaffRefAsAString() throws Exception {
        String stored = "{\"institutionId\":\"" + INSTITUTION + "\",\"staffRef\":\"" + STAFF
                + "\",\"leftOn\":\"2026-05-31\",\"occurredAt\":\"2026-05-31T09:30:00Z\"}";
        StaffMemberLeft event = JSON.readValue(stored, StaffMemberLeft.class);
        assertThat(event.staffRef()).isEqualTo(new StaffRef(STAFF));
        assertThat(JSON.writeValueAsString(event)).isEqualTo(stored);
    }

    @Test
    void childPersonalDataErasedKeepsTheChildRefAsAString() throws Exception {
        String stored = "{\"childRef\":\"" + CHILD + "\",\"institutionId\":\"" + INSTITUTION
                + "\",\"reason\":\"guardian request\",\"occurredAt\":\"2026-06-01T10:00:00Z\"}";
        ChildPersonalDataErased event = JSON.readValue(stored, ChildPersonalDataErased.class);
        assertThat(event.childRef()).isEqualTo(new ChildRef(CHILD));
        assertThat(JSON.writeValueAsString(event)).isEqualTo(stored);
    }

    @Test
    void everyIdIsABareStringAlone() throws Exception {
        assertRoundTrip(INSTITUTION, InstitutionId.class, new InstitutionId(INSTITUTION));
        assertRoundTrip(CLASS, ClassId.class, new ClassId(CLASS));
        assertRoundTrip(ENROLMENT, EnrolmentId.class, new EnrolmentId(ENROLMENT));
        assertRoundTrip(CHILD, ChildRef.class, new ChildRef(CHILD));
        assertRoundTrip(STAFF, StaffRef.class, new StaffRef(STAFF));
    }

    @Test
    void theOtherStringValuesAreBareStringsToo() throws Exception {
        assertRoundTrip("TY3708112026000012", FilingNumber.class, FilingNumber.parse("TY3708112026000012"));
        assertRoundTrip("91350100M000100Y43", CreditCode.class, CreditCode.parse("91350100M000100Y43"));
        assertRoundTrip("370811", DivisionCode.class, DivisionCode.parse("370811"));
        assertThat(DivisionCode.parse("370811")).hasToString("370811");
    }

    @Test
    void idsAsMapKeysAreTheirValues() throws Exception {
        String stored = "{\"" + CLASS + "\":15}";
        Map<ClassId, Integer> places = JSON.readValue(stored, new TypeReference<LinkedHashMap<ClassId, Integer>>() { });
        assertThat(places).containsEntry(new ClassId(CLASS), 15);
        assertThat(JSON.writeValueAsString(places)).isEqualTo(stored);
        String staff = "{\"" + STAFF + "\":\"2027-01-31\"}";
        assertThat(JSON.writeValueAsString(JSON.readValue(staff, new TypeReference<LinkedHashMap<StaffRef, String>>() { })))
                .isEqualTo(staff);
    }

    @Test
    void theIdsPrintAsTheirValueAndCompareByIt() {
        assertThat(new InstitutionId(INSTITUTION)).hasToString(INSTITUTION).isEqualTo(new InstitutionId(INSTITUTION));
        assertThat(new ClassId(CLASS)).hasToString(CLASS);
        assertThat(new EnrolmentId(ENROLMENT)).hasToString(ENROLMENT);
        assertThat(new ChildRef(CHILD)).hasToString(CHILD);
        assertThat(new StaffRef(STAFF)).hasToString(STAFF);
        assertThat(UuidId.generate(ChildRef::new).value()).matches(Identifiers.UUID_PATTERN);
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"not-a-uuid\"", "\"0B6F6C5E-2A4D-4C1E-9D7A-1F2E3D4C5B6A\""})
    void aMalformedStoredIdIsRefused(String json) {
        assertThatThrownBy(() -> JSON.readValue(json, InstitutionId.class)).hasRootCauseInstanceOf(DomainException.class)
                .rootCause().hasMessageContaining("institution id must be a lower-case UUID");
        assertThatThrownBy(() -> new StaffRef("x")).isInstanceOf(DomainException.class)
                .hasMessageContaining("staff reference must be a lower-case UUID");
    }

    private static <T> void assertRoundTrip(String uuid, Class<T> type, T expected) throws Exception {
        String stored = "\"" + uuid + "\"";
        T read = JSON.readValue(stored, type);
        assertThat(read).isEqualTo(expected);
        assertThat(JSON.writeValueAsString(read)).isEqualTo(stored);
    }
}
