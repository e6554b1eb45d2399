package org.careledger.query.inspector;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.UUID;

import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.annotation.ClasspathParameterResolverFactory;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.careledger.infra.support.Filings;
import org.careledger.infra.support.IntegrationTest;
import org.careledger.infra.support.Tokens;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * An event whose transaction committed after a later-numbered one (it fills a gap in the global
 * index) reaches the processor with a token whose position is the highest index seen, not its own.
 * The history index must still point at the event itself.
 */
class HistoryIndexGapFillTest extends IntegrationTest {

    @Autowired
    WebTestClient client;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    EventStore events;
    @Autowired
    HistoryIndexProjection projection;

    @Test
    void aGapFillingEventIsIndexedAtItsOwnGlobalIndexNotAtItsTokenPosition() throws Exception {
        Tokens tokens = new Tokens(client);
        String id = UUID.randomUUID().toString();
        long filed = new Filings(client).file(tokens.operator(id), Filings.body(Filings.freshCreditCode(), "补位索引托育中心"))
                .position();
        // the state endpoint finds the institution's division in the supervision view: let it catch up too
        client.get().uri("/api/v1/supervision/institutions/" + id + "/care?minPosition=" + filed)
                .headers(h -> h.setBearerAuth(tokens.inspector("3708"))).exchange().expectStatus().isOk();
        client.get().uri("/api/v1/inspector/institutions/" + id + "/state?minPosition=" + filed)
                .headers(h -> h.setBearerAuth(tokens.inspector("3708"))).exchange().expectStatus().isOk();
        DomainEventMessage<?> submitted = events.readEvents(id).asStream()
                .filter(e -> e.getPayloadType().getSimpleName().equals("FilingSubmitted")).findFirst().orElseThrow();
        long index = jdbc.queryForObject("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?",
                Long.class, submitted.getIdentifier());
        jdbc.update("DELETE FROM institution_history WHERE institution_id = ? AND global_index = ?", id, index);

        // the processor saw index + 2 first (index and index + 1 were gaps), then the late commit of index
        GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(index - 1, Set.of()).advanceTo(index + 2, 10_000)
                .advanceTo(index, 10_000);
        assertThat(token.position()).hasValue(index + 2);
        TrackedEventMessage<?> late = new GenericTrackedDomainEventMessage<>(token, submitted);
        var handler = new AnnotationEventHandlerAdapter(projection,
                ClasspathParameterResolverFactory.forClass(HistoryIndexProjection.class));
        DefaultUnitOfWork.startAndGet(late).executeWithResult(() -> handler.handle(late));

        assertThat(jdbc.queryForList("SELECT global_index FROM institution_history WHERE institution_id = ? "
                + "AND event_type = 'FilingSubmitted'", Long.class, id)).containsExactly(index);
    }
}
