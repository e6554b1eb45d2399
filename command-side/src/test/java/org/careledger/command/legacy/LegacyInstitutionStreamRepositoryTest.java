package org.careledger.command.legacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.careledger.command.enrolment.Enrolment;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** How an aggregate split out of the institution reads its events from before the split (ADR 0023). */
class LegacyInstitutionStreamRepositoryTest {

    private static final String INSTITUTION = "institution-1";
    private EmbeddedEventStore store;
    private LegacyInstitutionStreamRepository<Enrolment> repository;

    /** A payload naming the aggregate it belongs to (or none). */
    record Named(String owner, String what) {
    }

    @BeforeEach
    void setUp() {
        store = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        repository = new LegacyInstitutionStreamRepository<>(EventSourcingRepository.builder(Enrolment.class), store,
                "Enrolment", id -> Map.of("e1", INSTITUTION, "e2", INSTITUTION).containsKey(id)
                        ? Optional.of(INSTITUTION) : Optional.empty(),
                (payload, id) -> payload instanceof Named n && id.equals(n.owner()));
        // the institution's stream as written before the split: its own events and two enrolments' interleaved
        List<Named> institution = List.of(new Named(null, "filed"), new Named("e1", "enrolled"), new Named(null, "class"),
                new Named("e2", "enrolled"), new Named("e1", "transferred"), new Named("e2", "ended"));
        for (int i = 0; i < institution.size(); i++) {
            store.publish(new GenericDomainEventMessage<>("Institution", INSTITUTION, i, institution.get(i)));
        }
    }

    private List<String> read(String id) {
        return repository.readEvents(id).asStream()
                .map(m -> m.getAggregateIdentifier() + "#" + m.getSequenceNumber() + ":" + ((Named) m.getPayload()).what())
                .toList();
    }

    @Test
    void anAggregateFromBeforeTheSplitIsItsEventsInTheInstitutionsStreamResequencedThenItsOwn() {
        assertThat(read("e1")).containsExactly("e1#0:enrolled", "e1#1:transferred");
        store.publish(new GenericDomainEventMessage<>("Enrolment", "e1", 2, new Named("e1", "ended")));
        assertThat(read("e1")).containsExactly("e1#0:enrolled", "e1#1:transferred", "e1#2:ended");
        assertThat(read("e2")).containsExactly("e2#0:enrolled", "e2#1:ended");
    }

    @Test
    void anAggregateFromAfterTheSplitIsItsOwnStreamAlone() {
        assertThat(read("e3")).isEmpty();
        store.publish(new GenericDomainEventMessage<>("Enrolment", "e3", 0, new Named("e3", "enrolled")));
        assertThat(read("e3")).containsExactly("e3#0:enrolled");
    }

    @Test
    void anOwnStreamThatDoesNotContinueTheLegacyEventsIsNeverLoaded() {
        store.publish(new GenericDomainEventMessage<>("Enrolment", "e1", 5, new Named("e1", "ended")));
        assertThatThrownBy(() -> read("e1")).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("starts at 5 but 2");
    }

}
