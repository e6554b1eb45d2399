package org.careledger.infra.axon;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.EventStreamUtils;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.careledger.kernel.filing.FilingAmended;
import org.careledger.kernel.filing.FilingSubmitted;
import org.careledger.kernel.value.InstitutionType;
import org.junit.jupiter.api.Test;

/**
 * Revision-1 filing events as stored (fixtures in {@code stored-events/}) read through the upcasters
 * as revision 2 with no local zone (docs/events.md; docs/domain.md rule F7).
 */
class FilingZoneUpcastersTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules()
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);
    private final JacksonSerializer serializer = JacksonSerializer.builder().objectMapper(json).build();
    private final FilingZoneUpcasters config = new FilingZoneUpcasters();
    private final EventUpcasterChain upcasters = new EventUpcasterChain(config.filingSubmittedRevisionOneUpcaster(),
            config.filingAmendedRevisionOneUpcaster());

    private static byte[] fixture(String name) throws IOException {
        try (InputStream in = FilingZoneUpcastersTest.class.getResourceAsStream("/stored-events/" + name)) {
            return in.readAllBytes();
        }
    }

    private static GenericDomainEventEntry<byte[]> row(Class<?> type, String revision, byte[] payload, long sequence) {
        return new GenericDomainEventEntry<>("Institution", "6f1d3c2a-9a43-4f5e-9a51-3c1f0f6e2b11", sequence,
                "event-" + sequence, Instant.parse("2026-03-02T02:00:00Z"), type.getName(), revision, payload,
                "{}".getBytes());
    }

    private Object read(Class<?> type, String revision, byte[] payload, long sequence) {
        DomainEventStream stream = EventStreamUtils.upcastAndDeserializeDomainEvents(
                Stream.of(row(type, revision, payload, sequence)), serializer, upcasters);
        List<DomainEventMessage<?>> messages = new java.util.ArrayList<>();
        stream.forEachRemaining(messages::add);
        assertThat(messages).hasSize(1);
        return messages.get(0).getPayload();
    }

    @Test
    void aStoredRevisionOneFilingSubmittedReadsAsRevisionTwoWithoutAZone() throws IOException {
        FilingSubmitted event = (FilingSubmitted) read(FilingSubmitted.class, "1", fixture("FilingSubmitted-revision-1.json"), 0);
        assertThat(event.zone()).isNull();
        assertThat(event.division().value()).isEqualTo("370830");
        assertThat(event.type()).isEqualTo(InstitutionType.EMPLOYER_SPONSORED);
        assertThat(event.documents()).hasSize(2);
        assertThat(event.occurredAt()).isEqualTo(Instant.parse("2026-03-02T02:00:00Z"));
    }

    @Test
    void aStoredRevisionOneFilingAmendedReadsAsRevisionTwoWithoutAZone() throws IOException {
        FilingAmended event = (FilingAmended) read(FilingAmended.class, "1", fixture("FilingAmended-revision-1.json"), 1);
        assertThat(event.zone()).isNull();
        assertThat(event.name()).isEqualTo("汶上县二院托育中心");
        assertThat(event.reason()).isEqualTo("更名");
        assertThat(event.resubmitted()).isFalse();
    }

    @Test
    void revisionOneBecomesRevisionTwoWithAZoneFieldAndRevisionTwoPassesUnchanged() throws IOException {
        var upcast = upcasters.upcast(Stream.of(new InitialEventRepresentation(
                row(FilingSubmitted.class, "1", fixture("FilingSubmitted-revision-1.json"), 0), serializer))).toList();
        assertThat(upcast).singleElement().satisfies(r -> {
            assertThat(r.getType().getName()).isEqualTo(FilingSubmitted.class.getName());
            assertThat(r.getType().getRevision()).isEqualTo("2");
            byte[] payload = serializer.getConverter().convert(r.getData(), byte[].class).getData();
            assertThat(json.readTree(payload).has("zone")).isTrue();
        });

        // a revision-2 record (as this version writes it) is not touched and keeps its zone
        FilingSubmitted stored = (FilingSubmitted) read(FilingSubmitted.class, "1", fixture("FilingSubmitted-revision-1.json"), 0);
        FilingSubmitted zoned = new FilingSubmitted(stored.institutionId(), stored.creditCode(), true, stored.name(),
                stored.type(), stored.division(), stored.address(), stored.location(), stored.contactPhone(),
                stored.mealsServed(), stored.serviceTypes(), stored.fees(), stored.documents(), stored.occurredAt(), "370830-T");
        byte[] current = json.writeValueAsBytes(zoned);
        assertThat(((FilingSubmitted) read(FilingSubmitted.class, "2", current, 2)).zone()).isEqualTo("370830-T");
        var untouched = upcasters.upcast(Stream.of(new InitialEventRepresentation(
                row(FilingSubmitted.class, "2", current, 2), serializer))).toList();
        assertThat(untouched).singleElement().satisfies(r -> assertThat(r.getType().getRevision()).isEqualTo("2"));
    }
}
